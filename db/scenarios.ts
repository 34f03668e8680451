import { getCollection } from '../lib/collections';
import type { Row } from '../lib/collections/types';
import { concentrationToParams } from '../lib/concentration';
import { ApiError } from '../lib/errors';
import { applyAssumptions, weightedExpectation, type AppliedScenario, type Weighted } from '../lib/scenarios/apply';
import { readAssumptions, segmentQuery, type Assumptions } from '../lib/scenarios/assumptions';
import { byKind, MAX_COMPARED, type CompareSelection } from '../lib/scenarios/compare';
import { parseQuery } from '../lib/query/parse';
import { concentrationReport } from './concentration';
import type { Atlas } from './connection';
import { listRows, refNames } from './rows';

// A scenario's market under its assumptions next to the market measured today, and several scenarios
// side by side with their probability-weighted expectation.

export type ScenarioOutcome =
  | { kind: 'none' }
  | { kind: 'invalid'; message: string }
  | (AppliedScenario & {
      kind: 'ok';
      assumptions: Assumptions;
      /** The segment's concentration query string, normalised (for /concentration?…). */
      segment: string;
      basis: string;
      window: { from: string | null; to: string | null };
      /** Rows left out of today's market for an undisclosed value. */
      excluded: number;
    });

export async function scenarioOutcome(atlas: Atlas, raw: unknown): Promise<ScenarioOutcome> {
  if (raw === null || raw === undefined || raw === '') return { kind: 'none' };
  const assumptions = readAssumptions(raw);
  if (!assumptions) return { kind: 'invalid', message: 'the assumptions no longer validate: edit them to see the scenario’s market' };
  let query;
  try {
    query = segmentQuery(assumptions.segment);
  } catch (error) {
    if (error instanceof ApiError) return { kind: 'invalid', message: error.message };
    throw error;
  }
  const report = await concentrationReport(atlas, query, null);
  const names = await refNames(atlas, getCollection('companies'), assumptions.changes.map((c) => c.companyId));
  const applied = applyAssumptions(
    report.shares.map((s) => ({ id: s.id, name: s.name, name_zh: s.name_zh, share: s.share })),
    assumptions.changes,
    names,
    query.guidelines,
  );
  return {
    kind: 'ok',
    ...applied,
    assumptions,
    segment: concentrationToParams(query).toString(),
    basis: query.basis,
    window: report.window,
    excluded: report.excluded,
  };
}

const NO_MEASURES = { n: 0, hhi: null, cr1: 0, cr4: 0, equivalentFirms: null, band: null };

export interface ComparedScenario {
  row: Row;
  outcome: ScenarioOutcome;
}

export interface Comparison {
  scenarios: ComparedScenario[];
  expectation: Weighted;
  /** Whether every scenario with assumptions measures the same segment (else "today" differs per column). */
  sameSegment: boolean;
}

export async function compareScenarios(atlas: Atlas, rows: readonly Row[]): Promise<Comparison> {
  const scenarios = await Promise.all(rows.map(async (row) => ({ row, outcome: await scenarioOutcome(atlas, row.assumptions) })));
  const measured = scenarios.map((s) => ({
    probability: typeof s.row.probability === 'number' ? s.row.probability : null,
    measures: s.outcome.kind === 'ok' ? s.outcome.scenario : NO_MEASURES,
  }));
  const segments = new Set(scenarios.flatMap((s) => (s.outcome.kind === 'ok' ? [s.outcome.segment] : [])));
  return { scenarios, expectation: weightedExpectation(measured), sameSegment: segments.size <= 1 };
}

/** The scenarios a compare selection names (all of them for a hypothesis), bull → base → bear → custom. */
export async function scenariosFor(atlas: Atlas, selection: CompareSelection): Promise<Row[]> {
  const params = new URLSearchParams({ pageSize: String(MAX_COMPARED) });
  for (const id of selection.ids) params.append('id', id);
  if (selection.hypothesis) params.set('hypothesis_id', selection.hypothesis);
  if (!selection.ids.length && !selection.hypothesis) return [];
  return byKind((await listRows(atlas, parseQuery(getCollection('scenarios'), params))).rows);
}
