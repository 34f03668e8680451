import type { Collection } from './types';
import { datePrecisionColumn, idColumn, sourceColumns, timestampColumns } from './shared-columns';

/** What kind of milestone an event is (a chart marker's kind filter: `eventKinds=model,policy`). */
export const EVENT_KINDS = ['model', 'product', 'funding', 'policy', 'open-source', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Milestones of the market — a model's release, a product launch, a funding deal, a rule taking effect — each
 * with its date and the page that states it. Time charts can mark them; /timeline shows them on one axis.
 */
export const events: Collection = {
  id: 'events',
  table: 'events',
  label: { en: 'Milestones', zh: '里程碑' },
  singular: { en: 'Milestone', zh: '里程碑' },
  titleColumn: 'title',
  defaultSort: { column: 'date', order: 'desc' },
  timeColumn: 'date',
  idPrefix: 'evt',
  columns: [
    idColumn,
    { id: 'date', type: 'date', label: { en: 'Date', zh: '日期' }, required: true, filter: 'range', sortable: true, listed: true },
    datePrecisionColumn,
    { id: 'title', type: 'text', label: { en: 'Title', zh: '标题(英文)' }, required: true, sortable: true, search: true, filter: 'text', maxLength: 200, listed: true, zhTwin: 'title_zh' },
    { id: 'title_zh', type: 'text', label: { en: 'Title (Chinese)', zh: '标题' }, sortable: true, search: true, filter: 'text', maxLength: 200 },
    { id: 'kind', type: 'enum', values: EVENT_KINDS, label: { en: 'Kind', zh: '类型' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'company_id', type: 'ref', ref: 'companies', search: true, label: { en: 'Company', zh: '公司' }, filter: 'facet', sortable: true, listed: true },
    { id: 'description', type: 'longtext', label: { en: 'Description', zh: '描述(英文)' }, search: true, filter: 'text', maxLength: 5000, zhTwin: 'description_zh' },
    { id: 'description_zh', type: 'longtext', label: { en: 'Description (Chinese)', zh: '描述' }, search: true, filter: 'text', maxLength: 5000 },
    ...sourceColumns,
    ...timestampColumns,
  ],
};
