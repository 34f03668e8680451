/**
 * A hypothesis's indicator: a saved concentration query, the metric to read from it, and a threshold.
 *   { "basis": "funding", "filters": "layer=foundation", "from": "2022", "to": "2023",
 *     "metric": "hhi", "threshold": 1800, "direction": "above" }
 * `direction` says which side of the threshold supports the hypothesis.
 */
import { z } from 'zod';
import { ApiError } from '../errors';
import { BASES, parseConcentrationQuery, type ConcentrationQuery } from './params';
import { METRICS, metricOf, type ConcentrationReport, type Metric } from './report';

const bound = z.union([z.string().max(10), z.number().int()]).nullish();

export const indicatorSchema = z.object({
  basis: z.enum(BASES).default('funding'),
  filters: z.string().max(2000).nullish(),
  from: bound,
  to: bound,
  metric: z.enum(METRICS).default('hhi'),
  threshold: z.number().finite().nullish(),
  direction: z.enum(['above', 'below']).nullish(),
});

export type Indicator = z.infer<typeof indicatorSchema>;

export type ParsedIndicator =
  | { kind: 'none' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ok'; indicator: Indicator; query: ConcentrationQuery };

/** Read a stored indicator (JSON value or JSON text); null or empty means "no indicator". */
export function parseIndicator(raw: unknown): ParsedIndicator {
  let value = raw;
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { kind: 'invalid', message: 'the indicator is not valid JSON' };
    }
  }
  const parsed = indicatorSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'invalid', message: `${issue.path.join('.') || 'indicator'}: ${issue.message}` };
  }
  const indicator = parsed.data;
  const params = new URLSearchParams(indicator.filters ?? '');
  for (const key of ['basis', 'from', 'to']) params.delete(key);
  if (indicator.basis !== 'funding') params.set('basis', indicator.basis);
  if (indicator.from !== null && indicator.from !== undefined) params.set('from', String(indicator.from));
  if (indicator.to !== null && indicator.to !== undefined) params.set('to', String(indicator.to));
  try {
    return { kind: 'ok', indicator, query: parseConcentrationQuery(params) };
  } catch (error) {
    if (error instanceof ApiError) return { kind: 'invalid', message: error.message };
    throw error;
  }
}

export interface IndicatorReading {
  metric: Metric;
  value: number | null;
  threshold: number | null;
  direction: 'above' | 'below' | null;
  /** Whether the value is on the supporting side of the threshold; null without a value or threshold. */
  met: boolean | null;
}

export function readIndicator(indicator: Indicator, report: ConcentrationReport): IndicatorReading {
  const value = metricOf(report, indicator.metric);
  const threshold = indicator.threshold ?? null;
  const direction = indicator.direction ?? null;
  let met: boolean | null = null;
  if (value !== null && threshold !== null) met = direction === 'below' ? value < threshold : value > threshold;
  return { metric: indicator.metric, value, threshold, direction, met };
}
