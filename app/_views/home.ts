import 'server-only';
import { concentrationReport } from '@/db/concentration';
import type { Atlas } from '@/db/connection';
import { dashboardFx, fundingByQuarterAndLayer, fundingByYearAndRegion, portfolioOf, roundsBackedBy, topFunded, unicornCount } from '@/db/dashboard';
import { displayFxOf } from '@/db/fx';
import { listRows } from '@/db/rows';
import { summary } from '@/db/stats';
import { getCollection } from '@/lib/collections';
import type { Row } from '@/lib/collections/types';
import { parseConcentrationQuery, parseIndicator, readIndicator } from '@/lib/concentration';
import { parseQuery } from '@/lib/query/parse';
import { concentrationView, hrefOf } from '@/lib/query/view-state';
import type { MilestoneView } from '@/lib/events/view';
import type { HypothesisIndicator } from '../_components/dashboard/Panels';
import { loadMilestones } from './milestones';

const list = (atlas: Atlas, collection: string, params: Record<string, string>) =>
  listRows(atlas, parseQuery(getCollection(collection), new URLSearchParams(params)));

/** The current value of each hypothesis's indicator, computed with the concentration query it saves. */
async function indicatorsOf(atlas: Atlas, rows: Row[]): Promise<Record<string, HypothesisIndicator>> {
  const entries = await Promise.all(
    rows.map(async (row): Promise<[string, HypothesisIndicator]> => {
      const parsed = parseIndicator(row.indicator);
      if (parsed.kind !== 'ok') return [row.id, parsed];
      const report = await concentrationReport(atlas, parsed.query, null);
      return [row.id, { kind: 'ok', reading: readIndicator(parsed.indicator, report), href: hrefOf('/concentration', concentrationView.format({ query: parsed.query, mergeA: null, mergeB: null })) }];
    }),
  );
  return Object.fromEntries(entries);
}

/** Funding HHI of one layer: the report's thesis in two numbers (its money in the dashboard's currency). */
const layerHhi = (atlas: Atlas, layer: string, currency: string | null) =>
  concentrationReport(atlas, parseConcentrationQuery(new URLSearchParams({ layer, ...(currency ? { currency } : {}) })), null);

/**
 * Everything the dashboard home shows; `currency` (`currency=` or the reader's choice) shows its money in that
 * currency at each round's year, the rates in `fx` (an unknown currency is a 400 naming `currency`); `events`: the
 * milestones its time charts mark (null: none).
 */
export async function loadHome(atlas: Atlas, currency: string | null = null, events: MilestoneView | null = null) {
  const display = await displayFxOf(atlas.db, currency);
  const [stats, openaiRounds, unicorns, quarters, regions, top, portfolio, useCases, hypotheses, foundation, application, fx, milestones] = await Promise.all([
    summary(atlas, display),
    roundsBackedBy(atlas, 'openai'),
    unicornCount(atlas),
    fundingByQuarterAndLayer(atlas, display),
    fundingByYearAndRegion(atlas, display),
    topFunded(atlas, 10, display),
    portfolioOf(atlas, 'openai', display),
    list(atlas, 'use-cases', { sort: 'announced_on', order: 'desc', pageSize: '6' }),
    list(atlas, 'hypotheses', { pageSize: '50' }),
    layerHhi(atlas, 'foundation', currency),
    layerHhi(atlas, 'application', currency),
    dashboardFx(atlas, display),
    loadMilestones(atlas, events),
  ]);
  const indicators = await indicatorsOf(atlas, hypotheses.rows);
  return { stats, openaiRounds, unicorns, quarters, regions, top, portfolio, useCases, hypotheses, foundation, application, indicators, fx, milestones };
}

export const HOME_BOARDS = 6;

/**
 * The boards a viewer sees (theirs and the team's; everything for admins and in local mode), last updated
 * first. Not part of loadHome: a share link of the dashboard must not carry whoever made it's boards.
 */
export async function loadHomeBoards(atlas: Atlas, restrictedTo: string | undefined) {
  const spec = { ...parseQuery(getCollection('boards'), new URLSearchParams({ sort: 'updated_at', order: 'desc', pageSize: String(HOME_BOARDS) })), visibleTo: restrictedTo };
  const page = await listRows(atlas, spec);
  return {
    total: page.total,
    rows: page.rows.map((row) => ({
      id: row.id,
      title: String(row.title ?? row.id),
      title_zh: typeof row.title_zh === 'string' ? row.title_zh : null,
      visibility: String(row.visibility ?? 'private'),
      tiles: Array.isArray(row.tiles) ? row.tiles.length : 0,
      updated_at: String(row.updated_at ?? ''),
    })),
  };
}
