import { getCollection } from '../lib/collections';
import { EVIDENCE_TARGETS } from '../lib/collections/evidence';
import type { Row } from '../lib/collections/types';
import { stanceCounts, targetLabel, type Stance } from '../lib/hypotheses/evidence';
import { parseQuery } from '../lib/query/parse';
import type { Atlas } from './connection';
import { listRows } from './rows';

const LIMIT = 1000;

export interface EvidenceTarget {
  collection: string;
  id: string;
  /** A readable name of the cited row (English and Chinese); the id when the row no longer exists. */
  name: string;
  name_zh: string;
  /** False when the cited row has been deleted since. */
  exists: boolean;
}

export type EvidenceRow = Row & { target: EvidenceTarget | null };

/** The rows of a collection with the given ids, keyed by id (bounded, one query per collection). */
async function rowsById(atlas: Atlas, collectionId: string, ids: string[]): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  for (let i = 0; i < ids.length; i += 200) {
    const params = new URLSearchParams({ pageSize: String(LIMIT) });
    for (const id of ids.slice(i, i + 200)) params.append('id', id);
    for (const row of (await listRows(atlas, parseQuery(getCollection(collectionId), params))).rows) found.set(row.id, row);
  }
  return found;
}

/** A hypothesis's evidence, oldest first, each with a readable name of the row it cites. */
export async function evidenceOf(atlas: Atlas, hypothesisId: string): Promise<EvidenceRow[]> {
  const spec = parseQuery(getCollection('evidence'), new URLSearchParams({ hypothesis_id: hypothesisId, sort: 'created_at', order: 'asc', pageSize: String(LIMIT) }));
  const rows = (await listRows(atlas, spec)).rows;
  const targets = new Map<string, Map<string, Row>>();
  for (const collection of EVIDENCE_TARGETS) {
    const ids = [...new Set(rows.filter((r) => r.target_collection === collection && typeof r.target_id === 'string').map((r) => String(r.target_id)))];
    if (ids.length) targets.set(collection, await rowsById(atlas, collection, ids));
  }
  return rows.map((row) => {
    if (typeof row.target_collection !== 'string' || typeof row.target_id !== 'string') return { ...row, target: null };
    const found = targets.get(row.target_collection)?.get(row.target_id);
    const id = row.target_id;
    const target: EvidenceTarget = found
      ? { collection: row.target_collection, id, name: targetLabel(row.target_collection, found, 'en'), name_zh: targetLabel(row.target_collection, found, 'zh'), exists: true }
      : { collection: row.target_collection, id, name: id, name_zh: id, exists: false };
    return { ...row, target };
  });
}

export function evidenceCounts(rows: readonly EvidenceRow[]): Record<Stance, number> {
  return stanceCounts(rows);
}
