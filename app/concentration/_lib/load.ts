import 'server-only';
import type { Atlas } from '@/db/connection';
import { concentrationFx, marketOf, marketSeries } from '@/db/concentration';
import { displayFxOf } from '@/db/fx';
import { shareSegments } from '@/db/market-shares';
import { facetCounts } from '@/db/rows';
import { getCollection } from '@/lib/collections';
import {
  buildReport,
  buildSeries,
  mergerEffect,
  parseConcentrationQuery,
  type ConcentrationQuery,
  type ConcentrationReport,
  type MergerEffect,
  type SeriesReport,
} from '@/lib/concentration';
import type { DisplayFx, FxBlock } from '@/lib/fx/convert';
import { parseQuery } from '@/lib/query/parse';
import type { Milestone } from '@/lib/events/markers';
import type { MilestoneView } from '@/lib/events/view';
import { CONCENTRATION_PAGE_PARAMS, concentrationView, hrefOf, type ConcentrationViewState } from '@/lib/query/view-state';
import { loadMilestones } from '../../_views/milestones';

// Everything the /concentration page shows, computed from its URL with the same db/ functions as the API.

export const DEFAULT_TOP = 10;

export interface Side {
  key: string;
  query: ConcentrationQuery;
  value: string;
  href: string;
  report: ConcentrationReport;
  series: SeriesReport;
}

export interface View {
  query: ConcentrationQuery;
  report: ConcentrationReport;
  /** Every firm, ungrouped: the merger picker and the merger arithmetic need all of them. */
  full: ConcentrationReport;
  series: SeriesReport;
  compare: { column: 'layer' | 'region'; sides: [Side, Side] }[];
  merge: { a: string; b: string; effect: MergerEffect | null; problem: 'same' | 'unknown' | null };
  /** Which milestones the series charts mark (`events=1`, `eventKinds=…`), and those milestones; null: none. */
  events: MilestoneView | null;
  milestones: Milestone[] | null;
  /** With `currency=`: the currency of the money shown and the yearly rates used. */
  fx: FxBlock | null;
}

/** The same settings with one company column replaced by a single value (a segment of the comparison). */
function withSegment(params: URLSearchParams, column: string, value: string): ConcentrationQuery {
  const next = new URLSearchParams();
  for (const [key, v] of params) {
    if (key !== column && !key.startsWith(`${column}__`) && !(CONCENTRATION_PAGE_PARAMS as readonly string[]).includes(key)) next.append(key, v);
  }
  next.set(column, value);
  return parseConcentrationQuery(next);
}

async function side(atlas: Atlas, query: ConcentrationQuery, column: string, value: string, display: DisplayFx | null): Promise<Side> {
  const [market, markets] = await Promise.all([marketOf(atlas, query, display), marketSeries(atlas, query, display)]);
  return {
    key: `${column}-${value}`,
    query,
    value,
    href: hrefOf('/concentration', concentrationView.format({ query, mergeA: null, mergeB: null })),
    report: buildReport(query, market, null),
    series: buildSeries(query, markets),
  };
}

const PAIRS = [
  { column: 'layer', values: ['foundation', 'application'] },
  { column: 'region', values: ['overseas', 'china'] },
] as const;

export async function loadView(atlas: Atlas, params: URLSearchParams, state: ConcentrationViewState): Promise<View> {
  const query = { ...state.query, top: state.query.top ?? DEFAULT_TOP };
  const display = await displayFxOf(atlas.db, query.companies.currency);
  const [market, markets, fx, milestones] = await Promise.all([
    marketOf(atlas, query, display),
    marketSeries(atlas, query, display),
    display ? concentrationFx(atlas, query, display) : null,
    loadMilestones(atlas, state.events ?? null),
  ]);
  const report = buildReport(query, market);
  const full = buildReport(query, market, null);

  const segmentParams = new URLSearchParams(params);
  if (query.segment && !segmentParams.has('segment')) segmentParams.set('segment', query.segment);
  const compare = await Promise.all(
    PAIRS.map(async ({ column, values }) => ({
      column,
      sides: (await Promise.all(values.map((v) => side(atlas, withSegment(segmentParams, column, v), column, v, display)))) as [Side, Side],
    })),
  );

  const a = state.mergeA ?? '';
  const b = state.mergeB ?? '';
  const firms = full.shares.filter((s) => !s.id.startsWith('_'));
  let effect: MergerEffect | null = null;
  let problem: View['merge']['problem'] = null;
  if (a && b) {
    if (a === b) problem = 'same';
    else if (!firms.some((f) => f.id === a) || !firms.some((f) => f.id === b)) problem = 'unknown';
    else effect = mergerEffect(firms, a, b, { guidelines: query.guidelines });
  }
  return { query, report, full, series: buildSeries(query, markets), compare, merge: { a, b, effect, problem }, events: state.events ?? null, milestones, fx };
}

/** A share segment of the picker, with its Chinese name where known. */
export interface SegmentOption {
  segment: string;
  segment_zh: string | null;
  periods: string[];
  bases: string[];
}

/** Options of the page's pickers: share segments with their periods and bases, and company verticals. */
export async function loadOptions(atlas: Atlas) {
  const [segments, facets] = await Promise.all([
    shareSegments(atlas),
    facetCounts(atlas, parseQuery(getCollection('companies'), new URLSearchParams()), ['vertical']),
  ]);
  const bySegment = new Map<string, SegmentOption>();
  for (const row of segments) {
    const entry = bySegment.get(row.segment) ?? { segment: row.segment, segment_zh: null, periods: [], bases: [] };
    entry.segment_zh ??= row.segment_zh;
    if (!entry.periods.includes(row.period)) entry.periods.push(row.period);
    if (!entry.bases.includes(row.basis)) entry.bases.push(row.basis);
    bySegment.set(row.segment, entry);
  }
  const verticals = facets.vertical.map((f) => f.value).filter((v): v is string => typeof v === 'string').sort();
  return { segments: [...bySegment.values()], verticals };
}
