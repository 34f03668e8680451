import 'server-only';
import { historyOf } from '@/db/changes';
import type { Atlas } from '@/db/connection';
import { evidenceOf } from '@/db/evidence';
import { evaluateIndicator } from '@/db/indicators';
import { getRow, listRows } from '@/db/rows';
import { getCollection } from '@/lib/collections';
import { parseQuery } from '@/lib/query/parse';

/** Everything a hypothesis page shows, or null when there is no such hypothesis. */
export async function loadHypothesis(atlas: Atlas, id: string) {
  const row = await getRow(atlas, getCollection('hypotheses'), id);
  if (!row) return null;
  const scenarioSpec = parseQuery(getCollection('scenarios'), new URLSearchParams({ hypothesis_id: id, pageSize: '50' }));
  const [evidence, history, evaluation, scenarios] = await Promise.all([
    evidenceOf(atlas, id),
    historyOf(atlas.db, 'hypotheses', id),
    evaluateIndicator(atlas, row.indicator),
    listRows(atlas, scenarioSpec),
  ]);
  return { row, evidence, history, evaluation, scenarios };
}
