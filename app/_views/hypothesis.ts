import 'server-only';
import { historyOf } from '@/db/changes';
import type { Atlas } from '@/db/connection';
import { evidenceOf } from '@/db/evidence';
import { evaluateIndicator } from '@/db/indicators';
import { getRow, listRows } from '@/db/rows';
import { getCollection } from '@/lib/collections';
import type { MilestoneView } from '@/lib/events/view';
import { parseQuery } from '@/lib/query/parse';
import { loadMilestones } from './milestones';

/**
 * Everything a hypothesis page shows, or null when there is no such hypothesis; `events`: the milestones its
 * indicator trend marks (null: none).
 */
export async function loadHypothesis(atlas: Atlas, id: string, events: MilestoneView | null = null) {
  const row = await getRow(atlas, getCollection('hypotheses'), id);
  if (!row) return null;
  const scenarioSpec = parseQuery(getCollection('scenarios'), new URLSearchParams({ hypothesis_id: id, pageSize: '50' }));
  const [evidence, history, evaluation, scenarios, milestones] = await Promise.all([
    evidenceOf(atlas, id),
    historyOf(atlas.db, 'hypotheses', id),
    evaluateIndicator(atlas, row.indicator),
    listRows(atlas, scenarioSpec),
    loadMilestones(atlas, events),
  ]);
  return { row, evidence, history, evaluation, scenarios, milestones };
}
