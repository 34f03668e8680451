import { assumptionsSchema, readAssumptions } from '../scenarios/assumptions';
import type { Collection } from './types';
import { idColumn, timestampColumns } from './shared-columns';

export const SCENARIO_KINDS = ['bull', 'base', 'bear', 'custom'] as const;

export const scenarios: Collection = {
  id: 'scenarios',
  table: 'scenarios',
  label: { en: 'Scenarios', zh: '情景' },
  singular: { en: 'Scenario', zh: '情景' },
  titleColumn: 'title',
  defaultSort: { column: 'updated_at', order: 'desc' },
  idPrefix: 'sc',
  columns: [
    idColumn,
    { id: 'title', type: 'text', label: { en: 'Title', zh: '标题(英文)' }, required: true, sortable: true, search: true, filter: 'text', maxLength: 300, listed: true, zhTwin: 'title_zh' },
    { id: 'title_zh', type: 'text', label: { en: 'Title (Chinese)', zh: '标题' }, sortable: true, search: true, filter: 'text', maxLength: 300 },
    { id: 'kind', type: 'enum', values: SCENARIO_KINDS, label: { en: 'Kind', zh: '类型' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'probability', type: 'number', label: { en: 'Probability (%)', zh: '概率(%)' }, filter: 'range', sortable: true, min: 0, max: 100, listed: true },
    { id: 'horizon', type: 'integer', label: { en: 'Horizon (year)', zh: '展望年份' }, filter: 'range', sortable: true, min: 2000, max: 2100, listed: true },
    { id: 'hypothesis_id', type: 'ref', ref: 'hypotheses', label: { en: 'Hypothesis', zh: '假设' }, filter: 'facet', sortable: true, listed: true },
    { id: 'body', type: 'longtext', label: { en: 'Note (Markdown)', zh: '正文(英文,Markdown)' }, search: true, filter: 'text', maxLength: 200_000, zhTwin: 'body_zh' },
    { id: 'body_zh', type: 'longtext', label: { en: 'Note (Chinese, Markdown)', zh: '正文(Markdown)' }, search: true, filter: 'text', maxLength: 200_000 },
    { id: 'assumptions', type: 'json', label: { en: 'Assumptions', zh: '假设条件' }, schema: assumptionsSchema },
    ...timestampColumns,
  ],
  // /scenarios/compare is the compare view, so no scenario may be called "compare".
  validate: (row) => (row.id === 'compare' ? [{ path: 'id', message: '"compare" is reserved for the compare view' }] : []),
  references: (row) =>
    (readAssumptions(row.assumptions)?.changes ?? []).map((change, i) => ({ path: `assumptions.changes.${i}.companyId`, collection: 'companies', id: change.companyId })),
};
