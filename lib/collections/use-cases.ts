import type { Collection } from './types';
import { datePrecisionColumn, idColumn, sourceColumns, timestampColumns } from './shared-columns';

export const USE_CASE_STAGES = ['announced', 'pilot', 'production'] as const;

export const useCases: Collection = {
  id: 'use-cases',
  table: 'use_cases',
  label: { en: 'Use cases', zh: '应用案例' },
  singular: { en: 'Use case', zh: '应用案例' },
  titleColumn: 'product',
  defaultSort: { column: 'announced_on', order: 'desc' },
  timeColumn: 'announced_on',
  idPrefix: 'uc',
  columns: [
    idColumn,
    { id: 'customer_id', type: 'ref', ref: 'companies', search: true, label: { en: 'Customer', zh: '客户' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'provider_id', type: 'ref', ref: 'companies', search: true, label: { en: 'Provider', zh: '供应商' }, filter: 'facet', sortable: true, listed: true },
    { id: 'product', type: 'text', label: { en: 'Model / product', zh: '模型/产品' }, filter: 'facet', sortable: true, search: true, maxLength: 200, listed: true },
    { id: 'function', type: 'text', labelledValues: true, label: { en: 'Function', zh: '职能' }, filter: 'facet', sortable: true, maxLength: 80, listed: true },
    { id: 'industry', type: 'text', labelledValues: true, label: { en: 'Industry', zh: '行业' }, filter: 'facet', sortable: true, maxLength: 80, listed: true },
    { id: 'stage', type: 'enum', values: USE_CASE_STAGES, label: { en: 'Stage', zh: '阶段' }, filter: 'facet', sortable: true, listed: true },
    { id: 'description', type: 'longtext', label: { en: 'Description', zh: '描述(英文)' }, search: true, filter: 'text', maxLength: 20_000, zhTwin: 'description_zh', listed: true },
    { id: 'description_zh', type: 'longtext', label: { en: 'Description (Chinese)', zh: '描述' }, search: true, filter: 'text', maxLength: 20_000 },
    { id: 'outcome', type: 'longtext', label: { en: 'Outcome', zh: '成效' }, search: true, filter: 'text', maxLength: 20_000 },
    { id: 'announced_on', type: 'date', label: { en: 'Announced', zh: '公布日期' }, filter: 'range', sortable: true, listed: true },
    datePrecisionColumn,
    ...sourceColumns,
    ...timestampColumns,
  ],
};
