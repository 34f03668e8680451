/**
 * From per-firm market data to the API's concentration report (and series). Pure: db/ gathers the
 * numbers, this shapes them, so the page and the API show the same result for the same URL.
 */
import type { FxBlock } from '../fx/convert';
import { classifyHhi, GUIDELINES, HHI_MAX, UNATTRIBUTED_ID, type Band, type Guidelines, type GuidelineThresholds } from './bands';
import { concentration, concentrationOfMeasured, concentrationSeries, type ConcentrationResult, type Entry, type LorenzPoint, type MeasuredMarket, type SeriesPoint, type ShareEntry } from './measures';
import { companyFilterParams, type Basis, type By, type ConcentrationQuery, type Interval, type ShareBasis } from './params';

/** The per-firm values of one market, as db/ reads them. */
export interface Market {
  /** One entry per firm with a disclosed value (undisclosed ones are counted in `excluded`), its Chinese name where known. */
  entries: Entry[];
  /** Rows left out for an undisclosed value (rounds without an amount, firms without a valuation). */
  excluded: number;
  /** by=investor: rounds with an amount but no recorded participant, so nobody to attribute it to. */
  unattributed: number;
  /**
   * basis=share with share_pct: the values are percentages of the whole market, so a list that covers
   * less than 100 % leaves the rest unattributed instead of being scaled up to 100 %.
   */
  percentOfMarket: boolean;
  /** basis=share: the period and estimate basis actually used. */
  period?: string | null;
  shareBasis?: ShareBasis | null;
}

export interface ReportShare extends ShareEntry {
  name_zh: string | null;
}

export interface ConcentrationReport extends Omit<ConcentrationResult, 'shares'> {
  basis: Basis;
  by: By;
  guidelines: Guidelines;
  thresholds: GuidelineThresholds;
  window: { from: string | null; to: string | null };
  segment: string | null;
  period: string | null;
  shareBasis: ShareBasis | null;
  /** The company filters as a query string (`layer=foundation&region=china`). */
  filters: string;
  unattributed: number;
  /** basis=share with percentages: the percent of the market the estimates name (≤ 100). */
  coverage: number | null;
  shares: ReportShare[];
  /** With `currency=`: the currency of the values (total, shares' values) and the yearly rates used (lib/fx). */
  fx?: FxBlock;
}

export interface ReportSeriesPoint {
  period: string;
  hhi: number;
  cr4: number;
  n: number;
  total: number;
  excluded: number;
  band: Band | null;
}

export interface SeriesReport {
  basis: Basis;
  by: By;
  interval: Interval;
  guidelines: Guidelines;
  thresholds: GuidelineThresholds;
  window: { from: string | null; to: string | null };
  segment: string | null;
  filters: string;
  points: ReportSeriesPoint[];
  /** With `currency=`: the currency of the points' totals and the yearly rates used (lib/fx). */
  fx?: FxBlock;
}

export { UNATTRIBUTED_ID };
export const MAX_LORENZ_POINTS = 201;

/**
 * At most `max` Lorenz points, evenly spaced along the firm axis, endpoints kept. Gini is computed on
 * the full curve before this; a 100,000-firm curve need not travel as 100,000 pairs.
 */
export function downsampleLorenz(points: readonly LorenzPoint[], max = MAX_LORENZ_POINTS): LorenzPoint[] {
  if (points.length <= max) return points.map((p) => [p[0], p[1]]);
  const out: LorenzPoint[] = [];
  const last = points.length - 1;
  let previous = -1;
  for (let k = 0; k < max; k += 1) {
    const index = Math.round((k * last) / (max - 1));
    if (index !== previous) out.push([points[index][0], points[index][1]]);
    previous = index;
  }
  return out;
}

/** Rescale a result computed on shares of the named firms to shares of the whole market (factor f ≤ 1). */
function scaleToMarket(result: ConcentrationResult, guidelines: Guidelines): { result: ConcentrationResult; coverage: number } {
  const coverage = result.total;
  if (coverage >= 100 || coverage <= 0) return { result, coverage: Math.min(coverage, 100) };
  const f = coverage / 100;
  const hhi = result.hhi * f * f;
  const cr = { '1': result.cr['1'] * f, '3': result.cr['3'] * f, '4': result.cr['4'] * f, '8': result.cr['8'] * f };
  const shares: ShareEntry[] = result.shares.map((s) => ({ ...s, share: s.share * f }));
  shares.push({ id: UNATTRIBUTED_ID, name: 'Not attributed', value: 100 - coverage, share: 100 - coverage, name_zh: null });
  return {
    result: { ...result, hhi, cr, shares, equivalentFirms: hhi > 0 ? HHI_MAX / hhi : null, band: classifyHhi(hhi, guidelines) },
    coverage,
  };
}

function common(query: ConcentrationQuery) {
  return {
    basis: query.basis,
    by: query.by,
    guidelines: query.guidelines,
    thresholds: GUIDELINES[query.guidelines],
    window: { from: query.from, to: query.to },
    segment: query.basis === 'share' ? query.segment : null,
    filters: companyFilterParams(query).toString(),
  };
}

/** The report the API returns; `top` overrides the query's own (the page asks for the full list too). */
export function buildReport(query: ConcentrationQuery, market: Market, top: number | null = query.top): ConcentrationReport {
  const opts = { guidelines: query.guidelines, lorenzPoints: MAX_LORENZ_POINTS, withNamesZh: true, ...(top !== null ? { top } : {}) };
  return shapeReport(query, market, concentration(market.entries, opts));
}

/**
 * The report of a market of funding or rounds by company that the database measured (db/measured-report.ts), naming
 * `top` firms: the same report as `buildReport` gives from every firm's value, up to the order of float additions.
 */
export function buildMeasuredReport(query: ConcentrationQuery, measured: MeasuredMarket, top: number): ConcentrationReport {
  const result = concentrationOfMeasured(measured, { top, guidelines: query.guidelines, withNamesZh: true });
  return shapeReport(query, { excluded: 0, unattributed: 0, percentOfMarket: false }, result);
}

function shapeReport(query: ConcentrationQuery, market: Omit<Market, 'entries'>, computed: ConcentrationResult): ConcentrationReport {
  let result = computed;
  let coverage: number | null = null;
  if (market.percentOfMarket && result.n > 0) ({ result, coverage } = scaleToMarket(result, query.guidelines));
  const { shares, lorenz, excluded, ...rest } = result;
  return {
    ...common(query),
    period: market.period ?? null,
    shareBasis: market.shareBasis ?? null,
    ...rest,
    excluded: excluded + market.excluded,
    unattributed: market.unattributed,
    coverage,
    // Every share carries its name_zh (withNamesZh above; the row left unattributed gets null).
    shares: shares as ReportShare[],
    lorenz,
  };
}

/** One market per period, in period order. */
export function buildSeries(query: ConcentrationQuery, markets: readonly { period: string; market: Market }[]): SeriesReport {
  const points = concentrationSeries(markets.map(({ period, market }) => ({ period, entries: market.entries }))).map((point, i) => {
    const market = markets[i].market;
    let { hhi, cr4 } = point;
    if (market.percentOfMarket && point.total > 0 && point.total < 100) {
      const f = point.total / 100;
      hhi *= f * f;
      cr4 *= f;
    }
    return { ...point, hhi, cr4, excluded: point.excluded + market.excluded };
  });
  return seriesReport(query, points);
}

/** The series report of points already measured (per period, in period order), each classified by the query's guidelines. */
export function seriesReport(query: ConcentrationQuery, points: readonly SeriesPoint[]): SeriesReport {
  return { ...common(query), interval: query.interval, points: points.map((point) => ({ ...point, band: classifyHhi(point.hhi, query.guidelines) })) };
}

export const METRICS = ['hhi', 'cr1', 'cr3', 'cr4', 'cr8', 'gini', 'equivalentFirms', 'n'] as const;
export type Metric = (typeof METRICS)[number];

/** One number out of a report, by name (hypothesis indicators). */
export function metricOf(report: ConcentrationReport, metric: Metric): number | null {
  switch (metric) {
    case 'hhi':
      return report.n > 0 ? report.hhi : null;
    case 'cr1':
    case 'cr3':
    case 'cr4':
    case 'cr8':
      return report.n > 0 ? report.cr[metric.slice(2) as '1' | '3' | '4' | '8'] : null;
    case 'gini':
      return report.n > 0 ? report.gini : null;
    case 'equivalentFirms':
      return report.equivalentFirms;
    case 'n':
      return report.n;
  }
}
