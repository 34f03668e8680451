import {
  buildReport,
  concentrationToParams,
  metricOf,
  parseIndicator,
  readIndicator,
  type Indicator,
  type IndicatorReading,
} from '../lib/concentration';
import type { IndicatorLabel } from '../lib/hypotheses/indicator';
import { concentrationReport, marketSeries } from './concentration';
import type { Atlas } from './connection';

// A hypothesis's live indicator: its saved concentration query run now, the metric read against the
// threshold, and the same metric year by year (each year's rounds on their own).

export type IndicatorValue =
  | { kind: 'none' }
  | { kind: 'invalid'; message: string }
  | {
      kind: 'ok';
      indicator: Indicator;
      label: IndicatorLabel | null;
      reading: IndicatorReading;
      /** The concentration query string (for /concentration?… and /api/v1/concentration?…). */
      query: string;
      /** Firms in the market, and rows left out for an undisclosed value. */
      n: number;
      excluded: number;
      window: { from: string | null; to: string | null };
    };

export interface TrendPoint {
  period: string;
  value: number | null;
  n: number;
  /** On the supporting side of the threshold that year (null without a value). */
  met: boolean | null;
}

export type IndicatorEvaluation = IndicatorValue & { trend: TrendPoint[] };

function labelOf(raw: unknown): IndicatorLabel | null {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const label = value && typeof value === 'object' ? (value as { label?: unknown }).label : null;
  if (!label || typeof label !== 'object' || typeof (label as IndicatorLabel).en !== 'string') return null;
  const { en, zh } = label as IndicatorLabel;
  return { en, zh: typeof zh === 'string' ? zh : null };
}

/** The indicator's current value (the dashboard and the hypothesis page read the same thing). */
export async function indicatorValue(atlas: Atlas, raw: unknown): Promise<IndicatorValue> {
  const parsed = parseIndicator(raw);
  if (parsed.kind !== 'ok') return parsed;
  const report = await concentrationReport(atlas, parsed.query, null);
  return {
    kind: 'ok',
    indicator: parsed.indicator,
    label: labelOf(raw),
    reading: readIndicator(parsed.indicator, report),
    query: concentrationToParams(parsed.query).toString(),
    n: report.n,
    excluded: report.excluded,
    window: report.window,
  };
}

/** The metric per calendar year (per estimate period for market shares) inside the indicator's window. */
export async function indicatorTrend(atlas: Atlas, raw: unknown): Promise<TrendPoint[]> {
  const parsed = parseIndicator(raw);
  if (parsed.kind !== 'ok') return [];
  const query = { ...parsed.query, interval: 'year' as const };
  return (await marketSeries(atlas, query)).map(({ period, market }) => {
    const report = buildReport(query, market, null);
    const reading = readIndicator(parsed.indicator, report);
    return { period, value: metricOf(report, parsed.indicator.metric), n: report.n, met: reading.met };
  });
}

export async function evaluateIndicator(atlas: Atlas, raw: unknown): Promise<IndicatorEvaluation> {
  const [value, trend] = await Promise.all([indicatorValue(atlas, raw), indicatorTrend(atlas, raw)]);
  return { ...value, trend };
}
