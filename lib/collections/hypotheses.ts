import { indicatorWriteSchema } from '../hypotheses/indicator';
import type { Collection } from './types';
import { idColumn, timestampColumns } from './shared-columns';

export const HYPOTHESIS_STATUSES = ['open', 'strengthening', 'weakening', 'confirmed', 'refuted'] as const;
export { EVIDENCE_STANCES } from '../hypotheses/stances';

export const hypotheses: Collection = {
  id: 'hypotheses',
  table: 'hypotheses',
  label: { en: 'Hypotheses', zh: '假设' },
  singular: { en: 'Hypothesis', zh: '假设' },
  titleColumn: 'title',
  defaultSort: { column: 'code', order: 'asc' },
  idPrefix: 'hyp',
  columns: [
    idColumn,
    { id: 'code', type: 'text', label: { en: 'Code', zh: '代码' }, required: true, filter: 'text', sortable: true, search: true, maxLength: 20, listed: true },
    { id: 'title', type: 'text', label: { en: 'Title', zh: '标题(英文)' }, required: true, sortable: true, search: true, filter: 'text', maxLength: 300, zhTwin: 'title_zh', listed: true },
    { id: 'title_zh', type: 'text', label: { en: 'Title (Chinese)', zh: '标题' }, sortable: true, search: true, filter: 'text', maxLength: 300 },
    { id: 'statement', type: 'longtext', label: { en: 'Statement', zh: '论断(英文)' }, search: true, filter: 'text', maxLength: 20_000, zhTwin: 'statement_zh' },
    { id: 'statement_zh', type: 'longtext', label: { en: 'Statement (Chinese)', zh: '论断' }, search: true, filter: 'text', maxLength: 20_000 },
    { id: 'scope', type: 'text', labelledValues: true, label: { en: 'Scope', zh: '范围' }, filter: 'facet', sortable: true, maxLength: 80, listed: true },
    { id: 'status', type: 'enum', values: HYPOTHESIS_STATUSES, label: { en: 'Status', zh: '状态' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'confidence', type: 'integer', label: { en: 'Confidence (0–100)', zh: '置信度(0–100)' }, filter: 'range', sortable: true, min: 0, max: 100, listed: true },
    { id: 'indicator', type: 'json', label: { en: 'Indicator', zh: '指标' }, schema: indicatorWriteSchema() },
    { id: 'source', type: 'text', label: { en: 'Report passage', zh: '报告出处' }, search: true, filter: 'text', maxLength: 2000, listed: true },
    ...timestampColumns,
  ],
};
