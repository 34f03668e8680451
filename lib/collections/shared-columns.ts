import type { Column } from './types';

export const CONFIDENCE = ['verified', 'reported', 'estimate', 'unverified'] as const;
export const DATE_PRECISION = ['day', 'month', 'quarter', 'year'] as const;

export const idColumn: Column = {
  id: 'id',
  type: 'id',
  label: { en: 'ID', zh: '编号' },
  sortable: true,
  filter: 'text',
  maxLength: 120,
};

export const sourceColumns: readonly Column[] = [
  { id: 'source_url', type: 'url', label: { en: 'Source', zh: '来源' }, filter: 'text', maxLength: 2000 },
  {
    id: 'confidence',
    type: 'enum',
    values: CONFIDENCE,
    label: { en: 'Confidence', zh: '可信度' },
    filter: 'facet',
    sortable: true,
    listed: true,
  },
];

export const timestampColumns: readonly Column[] = [
  { id: 'created_at', type: 'timestamp', label: { en: 'Created', zh: '创建时间' }, readOnly: true, sortable: true, filter: 'range' },
  { id: 'updated_at', type: 'timestamp', label: { en: 'Updated', zh: '更新时间' }, readOnly: true, sortable: true, filter: 'range' },
];

export const datePrecisionColumn: Column = {
  id: 'date_precision',
  type: 'enum',
  values: DATE_PRECISION,
  label: { en: 'Date precision', zh: '日期精度' },
};
