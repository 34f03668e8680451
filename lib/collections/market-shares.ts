import type { Collection } from './types';
import { idColumn, sourceColumns, timestampColumns } from './shared-columns';

/**
 * What an estimate measures: the providers' revenue, users, web traffic (visits), customers' spend, API usage
 * (calls or tokens: the "usage" of issue 21), compute. Migration 013 holds the same list in its CHECK.
 */
export const SHARE_BASES = ['revenue', 'users', 'traffic', 'spend', 'api_volume', 'compute', 'other'] as const;

export const marketShares: Collection = {
  id: 'market-shares',
  table: 'market_shares',
  label: { en: 'Market shares', zh: '市场份额' },
  singular: { en: 'Market-share estimate', zh: '市场份额估计' },
  titleColumn: 'segment',
  defaultSort: { column: 'period', order: 'desc' },
  idPrefix: 'ms',
  columns: [
    idColumn,
    { id: 'segment', type: 'text', label: { en: 'Segment', zh: '细分市场' }, required: true, filter: 'facet', sortable: true, search: true, maxLength: 200, listed: true, zhTwin: 'segment_zh' },
    { id: 'segment_zh', type: 'text', label: { en: 'Segment (Chinese)', zh: '细分市场(中文)' }, sortable: true, search: true, filter: 'text', maxLength: 200 },
    { id: 'period', type: 'text', label: { en: 'Period', zh: '期间' }, required: true, filter: 'facet', sortable: true, maxLength: 20, listed: true },
    { id: 'company_id', type: 'ref', ref: 'companies', search: true, label: { en: 'Company', zh: '公司' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'basis', type: 'enum', values: SHARE_BASES, label: { en: 'Basis', zh: '口径' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'share_pct', type: 'number', label: { en: 'Share (%)', zh: '份额(%)' }, filter: 'range', sortable: true, min: 0, max: 100, listed: true },
    { id: 'value', type: 'number', label: { en: 'Value', zh: '数值' }, filter: 'range', sortable: true, min: 0, listed: true },
    { id: 'unit', type: 'text', label: { en: 'Unit', zh: '单位' }, filter: 'facet', maxLength: 40 },
    { id: 'notes', type: 'longtext', label: { en: 'Notes', zh: '备注' }, search: true, filter: 'text', maxLength: 20_000 },
    ...sourceColumns,
    ...timestampColumns,
  ],
};
