/**
 * A scenario's assumptions: share changes for named companies in one market segment, the others scaled.
 *   { "segment": "layer=foundation&from=2022",             ← a concentration query string (as /concentration takes it)
 *     "changes": [ { "companyId": "openai", "from": 45, "to": 55 }, { "companyId": "anthropic", "to": 15 } ],
 *     "rest": "scaled" }
 * `to` is the assumed share (percent of the segment) at the scenario's horizon; `from` is optional and only
 * records the share the analyst started from (the page shows it next to the measured share). "scaled": every
 * other firm keeps its proportion of what is left, so the shares add up to 100.
 *
 * The registry imports this module: it must not import the registry index (test/unit/lib-imports.test.ts).
 */
import { z } from 'zod';
import { idSchema } from '../collections/schemas';
import { ApiError } from '../errors';
import { parseConcentrationQuery, type ConcentrationQuery } from '../concentration/params';

export const REST_RULES = ['scaled'] as const;
export const MAX_CHANGES = 50;
/** Rounding slack when assumed shares add up to 100. */
const SLACK = 1e-6;

export interface ShareChange {
  companyId: string;
  from?: number | null;
  to: number;
}

export interface Assumptions {
  segment: string;
  changes: ShareChange[];
  rest: (typeof REST_RULES)[number];
}

const percent = z.number().finite().min(0).max(100);

/** The segment's concentration query; an ApiError (400) explains one that does not parse. */
export function segmentQuery(segment: string): ConcentrationQuery {
  return parseConcentrationQuery(new URLSearchParams(segment.trim().replace(/^\?/, '')));
}

export const assumptionsSchema = z
  .strictObject({
    segment: z.string().max(2000),
    changes: z.array(z.strictObject({ companyId: idSchema, from: percent.nullish(), to: percent })).max(MAX_CHANGES),
    rest: z.enum(REST_RULES).default('scaled'),
  })
  .superRefine((value, ctx) => {
    try {
      segmentQuery(value.segment);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['segment'], message: error.message });
    }
    const seen = new Set<string>();
    value.changes.forEach((change, i) => {
      if (seen.has(change.companyId)) ctx.addIssue({ code: 'custom', path: ['changes', i, 'companyId'], message: `"${change.companyId}" is listed twice` });
      seen.add(change.companyId);
    });
    const total = value.changes.reduce((sum, c) => sum + c.to, 0);
    if (total > 100 + SLACK) ctx.addIssue({ code: 'custom', path: ['changes'], message: `the assumed shares add up to ${Math.round(total * 100) / 100}%, more than 100%` });
  });

/** Read stored assumptions (JSON value or text); null when there are none or they no longer validate. */
export function readAssumptions(raw: unknown): Assumptions | null {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (value === null || value === undefined) return null;
  const parsed = assumptionsSchema.safeParse(value);
  return parsed.success ? (parsed.data as Assumptions) : null;
}
