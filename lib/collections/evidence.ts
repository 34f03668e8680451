import { EVIDENCE_STANCES } from '../hypotheses/stances';
import type { Collection, RowReference } from './types';
import { idColumn, timestampColumns } from './shared-columns';
import type { ErrorIssue } from '../errors';

import { EVIDENCE_TARGETS } from '../hypotheses/stances';
export { EVIDENCE_TARGETS };

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

/** Exactly one of: a row (target_collection + target_id) or an outside URL. */
export function evidenceIssues(row: Record<string, unknown>): ErrorIssue[] {
  const hasCollection = present(row.target_collection);
  const hasId = present(row.target_id);
  const hasUrl = present(row.url);
  if (hasCollection !== hasId) {
    return [{ path: hasCollection ? 'target_id' : 'target_collection', message: 'a cited row needs both target_collection and target_id' }];
  }
  if (hasId && hasUrl) return [{ path: 'url', message: 'cite either a row (target_collection + target_id) or a URL, not both' }];
  if (!hasId && !hasUrl) return [{ path: 'target_id', message: 'cite a row (target_collection + target_id) or give a URL' }];
  return [];
}

export const evidence: Collection = {
  id: 'evidence',
  table: 'evidence',
  label: { en: 'Evidence', zh: '证据' },
  singular: { en: 'Evidence', zh: '证据' },
  titleColumn: 'stance',
  defaultSort: { column: 'created_at', order: 'desc' },
  idPrefix: 'ev',
  columns: [
    idColumn,
    { id: 'hypothesis_id', type: 'ref', ref: 'hypotheses', label: { en: 'Hypothesis', zh: '假设' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'stance', type: 'enum', values: EVIDENCE_STANCES, label: { en: 'Stance', zh: '立场' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'target_collection', type: 'enum', values: EVIDENCE_TARGETS, label: { en: 'Cited table', zh: '引用的数据表' }, filter: 'facet', sortable: true, listed: true },
    { id: 'target_id', type: 'text', label: { en: 'Cited row', zh: '引用的行' }, filter: 'text', sortable: true, search: true, maxLength: 120, listed: true },
    { id: 'url', type: 'url', label: { en: 'Outside URL', zh: '外部链接' }, filter: 'text', maxLength: 2000, listed: true },
    { id: 'note', type: 'longtext', label: { en: 'Note', zh: '说明(英文)' }, filter: 'text', search: true, maxLength: 5000, listed: true, zhTwin: 'note_zh' },
    { id: 'note_zh', type: 'longtext', label: { en: 'Note (Chinese)', zh: '说明' }, filter: 'text', search: true, maxLength: 5000 },
    ...timestampColumns,
  ],
  validate: evidenceIssues,
  references: (row): RowReference[] =>
    present(row.target_collection) && present(row.target_id) ? [{ path: 'target_id', collection: String(row.target_collection), id: String(row.target_id) }] : [],
};
