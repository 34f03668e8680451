import 'server-only';
import { randomBytes } from 'node:crypto';
import { hasWebhookSecret } from '@/db/follows';
import { channelsWriteSchema } from '@/lib/alerts/rule';
import { checkWebhookTarget } from '@/lib/alerts/webhook-target';
import { issuesOf } from '@/lib/collections/schemas';
import { readEnv } from '@/lib/env';
import { ApiError, unprocessable } from '@/lib/errors';
import type { HandlerContext } from './respond';

// A write of an alert rule before the generic write path takes it (issue 18): the channels checked (a viewer may
// keep inbox rules only; a webhook must reach the public internet unless ATLAS_WEBHOOK_ALLOW_PRIVATE=1), and the
// webhook's secret taken out of the body into a column no API, CSV or change-log entry shows.

export interface AlertWrite {
  body: unknown;
  /** Columns to store beside the row (the secret), or undefined to leave them. */
  hidden: Record<string, unknown> | undefined;
  /** A secret the app generated: answered this once. */
  generated: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function prepareAlertWrite(ctx: HandlerContext, body: unknown, editing: string | null): Promise<AlertWrite> {
  if (!isRecord(body) || !('channels' in body)) return { body, hidden: undefined, generated: null };
  const parsed = channelsWriteSchema.safeParse(body.channels);
  if (!parsed.success) throw unprocessable('the row is not valid', issuesOf(parsed.error).map((i) => ({ ...i, path: `channels${i.path === '(body)' ? '' : `.${i.path}`}` })));
  const { webhook, email, inbox } = parsed.data;
  if (ctx.user?.role === 'viewer' && (webhook || email)) {
    throw new ApiError(403, 'your role (viewer) may keep inbox alerts only: webhook and email rules need the editor role; ask an admin');
  }
  let hidden: Record<string, unknown> | undefined = { webhook_secret: null };
  let generated: string | null = null;
  if (webhook) {
    const target = await checkWebhookTarget(webhook.url, { allowPrivate: readEnv().ATLAS_WEBHOOK_ALLOW_PRIVATE === '1' });
    if (!target.ok) throw unprocessable('the webhook cannot be used', [{ path: 'channels.webhook.url', message: target.message }]);
    if (webhook.secret) hidden = { webhook_secret: webhook.secret };
    else if (editing && (await hasWebhookSecret(ctx.atlas.db, editing))) hidden = undefined;
    else {
      generated = randomBytes(24).toString('base64url');
      hidden = { webhook_secret: generated };
    }
  }
  return { body: { ...body, channels: { inbox, webhook: webhook ? { url: webhook.url } : null, email } }, hidden, generated };
}

/** The reply of a write that generated a secret: the one time it is shown. */
export function withGeneratedSecret(row: Record<string, unknown>, generated: string | null): Record<string, unknown> {
  if (!generated || !isRecord(row.channels) || !isRecord(row.channels.webhook)) return row;
  return { ...row, channels: { ...row.channels, webhook: { ...row.channels.webhook, secret: generated } } };
}
