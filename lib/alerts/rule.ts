import { z } from 'zod';
import { METRICS } from '../concentration/report';
import type { AlertDirection } from './kinds';

// An alert rule's own rules (issue 18): its channels, what each kind needs, when a metric fires. Pure, free of the
// registry index; checked on every write by lib/collections/rules.ts (server code only).

export { ALERT_DIRECTIONS, ALERT_KINDS, type AlertDirection, type AlertKind } from './kinds';
/** The measures a metric rule may watch (kept out of lib/alerts/kinds.ts, which the browser's registry loads). */
export { METRICS as ALERT_METRICS } from '../concentration/report';

/** A webhook secret the creator chooses: at least this long. */
export const MIN_SECRET_LENGTH = 24;
const MAX_SECRET_LENGTH = 200;

const emailSchema = z.string().max(254).email('an email address');
const urlSchema = z.string().min(1).max(2000);

/** `channels` as stored and answered: never a secret. Unknown channels are refused (strict). */
export const channelsSchema = z.strictObject({
  inbox: z.boolean(),
  webhook: z.strictObject({ url: urlSchema }).nullable(),
  email: emailSchema.nullable(),
});
export type AlertChannels = z.infer<typeof channelsSchema>;

/** `channels` as a client writes them: the webhook may carry the secret, which is taken out before storing. */
export const channelsWriteSchema = z.strictObject({
  inbox: z.boolean(),
  webhook: z
    .strictObject({
      url: urlSchema,
      secret: z.string().min(MIN_SECRET_LENGTH, `the secret must be at least ${MIN_SECRET_LENGTH} characters`).max(MAX_SECRET_LENGTH).optional(),
    })
    .nullable(),
  email: emailSchema.nullable(),
});
export type AlertChannelsWrite = z.infer<typeof channelsWriteSchema>;

/** What a rule remembers between changes (`alerts.last_state`), so that a crossing fires once. */
export type AlertState = { verdict: Verdict; value: number | null } | { value: number | null };

/** A hypothesis indicator's verdict: its metric on the supporting side of the threshold, not, or no reading. */
export const VERDICTS = ['supporting', 'not-supporting', 'no-reading'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const verdictOf = (met: boolean | null): Verdict => (met === null ? 'no-reading' : met ? 'supporting' : 'not-supporting');

/**
 * Whether a metric rule fires going from `before` to `now`: `above` when the value comes to be at or over the
 * threshold, `below` at or under it, `change` when it moved by more than the threshold since it last fired.
 */
export function metricFires(direction: AlertDirection, threshold: number, before: number | null, now: number | null): boolean {
  if (now === null) return false;
  if (direction === 'change') return before !== null && Math.abs(now - before) > threshold;
  const met = (v: number | null) => v !== null && (direction === 'above' ? v >= threshold : v <= threshold);
  return met(now) && !met(before);
}

/** Rules across a rule's fields: its channels, what each kind needs. Paths are checked against their views elsewhere. */
export function alertIssues(row: Record<string, unknown>): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (row.channels !== undefined) {
    const parsed = channelsSchema.safeParse(row.channels);
    if (!parsed.success) {
      return parsed.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const path = ['channels', ...issue.path.map(String), ...keys.slice(0, 1)].join('.');
        return { path, message: keys.length ? `unknown channel or field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` : issue.message };
      });
    }
  }
  const need = (field: string, why: string) => {
    if (row[field] === null || row[field] === undefined || row[field] === '') issues.push({ path: field, message: why });
  };
  switch (row.kind) {
    case 'new-rows':
      need('path', 'a new-rows rule needs the path of a table view (/investments?…)');
      break;
    case 'indicator':
      need('hypothesis_id', 'an indicator rule needs the hypothesis whose indicator it watches');
      break;
    case 'metric':
      need('path', 'a metric rule needs the path of a concentration view (/concentration?…)');
      need('metric', `a metric rule needs a metric: ${METRICS.join(', ')}`);
      need('threshold', 'a metric rule needs a threshold');
      need('direction', 'a metric rule needs a direction: above, below or change');
      if (typeof row.metric === 'string' && !(METRICS as readonly string[]).includes(row.metric)) issues.push({ path: 'metric', message: `the metric must be one of ${METRICS.join(', ')}` });
      if (typeof row.threshold === 'number' && row.direction === 'change' && row.threshold < 0) issues.push({ path: 'threshold', message: 'a change threshold must not be negative' });
      break;
  }
  const channels = row.channels as AlertChannels | undefined;
  if (channels && !channels.inbox && !channels.webhook && !channels.email) issues.push({ path: 'channels', message: 'a rule needs at least one channel: inbox, webhook or email' });
  return issues;
}
