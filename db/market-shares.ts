import { sql } from 'kysely';
import { periodInWindow, periodStart, type ConcentrationQuery, type Entry, type Market } from '../lib/concentration';
import { badRequest } from '../lib/errors';
import type { Atlas } from './connection';
import { whereOf } from './where';

// basis=share: concentration from the analysts' market-share estimates (market_shares).

interface EstimateRow {
  id: string;
  name: string;
  name_zh: string | null;
  period: string;
  basis: string;
  share_pct: number | string | null;
  value: number | string | null;
}

export interface SegmentSummary {
  segment: string;
  /** The segment's Chinese name, where its rows give one. */
  segment_zh: string | null;
  period: string;
  basis: string;
  n: number;
}

/** The estimates of one segment, company filters applied. */
async function estimates(atlas: Atlas, query: ConcentrationQuery): Promise<EstimateRow[]> {
  if (!query.segment) throw badRequest('segment is required with basis=share', 'segment');
  const spec = query.companies;
  const filter = spec.q || spec.filters.length ? sql`and ${whereOf(atlas.dialect, spec)}` : sql``;
  const basis = query.shareBasis ? sql`and ms.basis = ${query.shareBasis}` : sql``;
  const found = await sql<EstimateRow>`
    select ms.company_id as id, companies.name as name, companies.name_zh as name_zh, ms.period as period,
      ms.basis as basis, ms.share_pct as share_pct, ms.value as value
    from market_shares ms join companies on companies.id = ms.company_id
    where ms.segment = ${query.segment} ${basis} ${filter}
    order by ms.company_id, ms.id`.execute(atlas.db);
  const bases = [...new Set(found.rows.map((r) => r.basis))].sort();
  if (bases.length > 1) {
    throw badRequest(`segment "${query.segment}" has estimates on several bases (${bases.join(', ')}); choose one with shareBasis`, 'shareBasis');
  }
  return found.rows;
}

const byStart = (a: string, b: string) => {
  const sa = periodStart(a) ?? '';
  const sb = periodStart(b) ?? '';
  return sa === sb ? (a < b ? -1 : a > b ? 1 : 0) : sa < sb ? -1 : 1;
};

/** Periods of the estimates inside the window, earliest first. */
function periodsIn(rows: readonly EstimateRow[], query: ConcentrationQuery): string[] {
  return [...new Set(rows.map((r) => r.period))].filter((p) => periodInWindow(p, query.from, query.to)).sort(byStart);
}

/**
 * One period's estimates → a market. Percentages (share_pct) win when any estimate has one, otherwise
 * the raw values are used; an estimate without the number in use is excluded and counted. Several
 * estimates of one company (different sources) are averaged, not added.
 */
function toMarket(rows: readonly EstimateRow[], period: string | null, shareBasis: string | null): Market {
  const percent = rows.some((r) => r.share_pct !== null);
  const sums = new Map<string, { name: string; nameZh: string | null; total: number; count: number }>();
  let excluded = 0;
  for (const row of rows) {
    const raw = percent ? row.share_pct : row.value;
    if (raw === null) {
      excluded += 1;
      continue;
    }
    const firm = sums.get(row.id) ?? { name: row.name, nameZh: row.name_zh, total: 0, count: 0 };
    firm.total += Number(raw);
    firm.count += 1;
    sums.set(row.id, firm);
  }
  const entries: Entry[] = [];
  for (const [id, firm] of sums) entries.push({ id, name: firm.name, value: firm.total / firm.count, name_zh: firm.nameZh });
  return {
    entries,
    excluded,
    unattributed: 0,
    percentOfMarket: percent,
    period,
    shareBasis: (shareBasis ?? rows[0]?.basis ?? null) as Market['shareBasis'],
  };
}

/** The estimates of `period`, or of the latest period inside the window. */
export async function shareMarket(atlas: Atlas, query: ConcentrationQuery): Promise<Market> {
  const rows = await estimates(atlas, query);
  const period = query.period ?? periodsIn(rows, query).at(-1) ?? null;
  return toMarket(period === null ? [] : rows.filter((r) => r.period === period), period, query.shareBasis);
}

/** Every estimate period of the segment inside the window (or just `period`). */
export async function shareMarketSeries(atlas: Atlas, query: ConcentrationQuery): Promise<{ period: string; market: Market }[]> {
  const rows = await estimates(atlas, query);
  const periods = query.period ? [query.period] : periodsIn(rows, query);
  return periods.map((period) => ({ period, market: toMarket(rows.filter((r) => r.period === period), period, query.shareBasis) }));
}

/** Segments with estimates, for the page's pickers. */
export async function shareSegments(atlas: Atlas): Promise<SegmentSummary[]> {
  const found = await sql<SegmentSummary>`
    select segment, max(segment_zh) as segment_zh, period, basis, count(*) as n from market_shares
    group by segment, period, basis order by segment, period, basis`.execute(atlas.db);
  return found.rows.map((r) => ({ ...r, segment_zh: r.segment_zh || null, n: Number(r.n) }));
}
