/**
 * The indicator of a hypothesis, as written: a saved concentration query, the number to read from it, and
 * a threshold with the side that supports the hypothesis. Stored in `hypotheses.indicator` as
 *   { "basis": "funding", "filters": "layer=foundation", "from": "2022", "to": null,
 *     "metric": "cr4", "threshold": 80, "direction": "above", "label": { "en": "…", "zh": "…" } }
 * (the form lib/concentration/indicator.ts reads, so the dashboard and the hypothesis page agree). A client
 * may also write the query as one string, `{ "query": "basis=funding&layer=foundation&from=2022", … }`:
 * it is split into basis / filters / from / to before it is stored.
 *
 * The registry imports this module, so it must not import the registry index (directly or through other modules):
 * test/unit/lib-imports.test.ts keeps lib/ free of import cycles.
 */
import { z } from 'zod';
import { ApiError } from '../errors';
import { BASES, parseConcentrationQuery, type ConcentrationQuery } from '../concentration/params';
import { METRICS } from '../concentration/report';

export const DIRECTIONS = ['above', 'below'] as const;
/** Parameters that have their own field and may not hide in `filters`. */
const OWN_PARAMS = ['basis', 'from', 'to'] as const;

export interface IndicatorLabel {
  en: string;
  zh?: string | null;
}

export interface HypothesisIndicator {
  basis: (typeof BASES)[number];
  filters?: string | null;
  from?: string | number | null;
  to?: string | number | null;
  metric: (typeof METRICS)[number];
  threshold: number;
  direction: (typeof DIRECTIONS)[number];
  label?: IndicatorLabel;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ query: "basis=…&layer=…&from=…" }` → `{ basis, filters, from, to }`; anything else is returned as it is. */
export function fromQueryForm(value: unknown): unknown {
  if (!isRecord(value) || typeof value.query !== 'string') return value;
  if (['filters', ...OWN_PARAMS].some((k) => k in value)) return value; // both forms at once: the strict schema names `query`
  const { query, ...rest } = value;
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  const out: Record<string, unknown> = { ...rest };
  for (const key of OWN_PARAMS) {
    const found = params.getAll(key);
    if (found.length === 1) out[key] = found[0];
    else if (found.length > 1) return value; // ambiguous: leave it for the schema to refuse
    params.delete(key);
  }
  out.filters = params.toString() || null;
  return out;
}

/** The concentration query string of an indicator, as /concentration and /api/v1/concentration take it. */
export function indicatorParams(indicator: Pick<HypothesisIndicator, 'basis' | 'filters' | 'from' | 'to'>): URLSearchParams {
  const params = new URLSearchParams(indicator.filters ?? '');
  for (const key of OWN_PARAMS) params.delete(key);
  const head = new URLSearchParams();
  if (indicator.basis && indicator.basis !== 'funding') head.set('basis', indicator.basis);
  if (indicator.from !== null && indicator.from !== undefined && indicator.from !== '') head.set('from', String(indicator.from));
  if (indicator.to !== null && indicator.to !== undefined && indicator.to !== '') head.set('to', String(indicator.to));
  for (const [k, v] of params) head.append(k, v);
  return head;
}

/** The parsed concentration query of an indicator; an ApiError (400) explains a query that does not parse. */
export function indicatorQuery(indicator: Pick<HypothesisIndicator, 'basis' | 'filters' | 'from' | 'to'>): ConcentrationQuery {
  return parseConcentrationQuery(indicatorParams(indicator));
}

let built: z.ZodType | undefined;

/** The schema of `hypotheses.indicator` on write (strict: unknown keys are refused). */
export function indicatorWriteSchema(): z.ZodType {
  if (built) return built;
  const bound = z.union([z.string().max(10), z.number().int()]).nullish();
  const shape = z
    .strictObject({
      basis: z.enum(BASES).default('funding'),
      filters: z.string().max(2000).nullish(),
      from: bound,
      to: bound,
      metric: z.enum(METRICS),
      threshold: z.number().finite(),
      direction: z.enum(DIRECTIONS),
      label: z.strictObject({ en: z.string().min(1).max(200), zh: z.string().max(200).nullish() }).optional(),
    })
    .superRefine((value, ctx) => {
      const inFilters = new URLSearchParams(value.filters ?? '');
      for (const key of OWN_PARAMS) {
        if (inFilters.has(key)) ctx.addIssue({ code: 'custom', path: ['filters'], message: `put ${key} in its own field, not in filters` });
      }
      try {
        indicatorQuery(value);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        ctx.addIssue({ code: 'custom', path: [error.details.param === 'from' || error.details.param === 'to' ? error.details.param : 'filters'], message: error.message });
      }
    });
  built = z.preprocess(fromQueryForm, shape);
  return built;
}
