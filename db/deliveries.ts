import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { MAX_TRIES, parsePayload, retryDelayMs, type DeliveryEvent } from '../lib/alerts/delivery-format';
import { z } from 'zod';
import { notFound } from '../lib/errors';
import type { DeliveryTable } from './alert-types';
import type { Atlas } from './connection';
import type { Database } from './types';

// The outbox's far side (issue 18, docs/decisions/035-delivery-sender.md): claiming due deliveries, recording each
// attempt, the delivery log of a rule and its test delivery. The rows are written by the outbox (the change that
// causes them); everything here runs after that commit.

/** The columns of an alert rule the sender needs; `alerts` is a registry collection, read here by hand. */
export interface AlertRule {
  id: string;
  title: string;
  owner: string;
  failing: number;
  active: number;
  channels: RuleChannels;
  webhook_secret: string | null;
}

const channelsSchema = z.object({
  inbox: z.boolean().optional(),
  webhook: z.object({ url: z.string() }).passthrough().nullable().optional(),
  email: z.string().nullable().optional(),
});
export type RuleChannels = z.infer<typeof channelsSchema>;

interface AlertsTable {
  alerts: { id: string; title: string; owner: string; failing: number; active: number; channels: string; webhook_secret: string | null; updated_at: string };
}
const alertsDb = (db: Kysely<Database> | Transaction<Database>) => db as unknown as Kysely<AlertsTable>;

function parseChannels(raw: string): RuleChannels {
  try {
    const parsed = channelsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function findAlertRule(atlas: Atlas, id: string): Promise<AlertRule | null> {
  const row = await alertsDb(atlas.db)
    .selectFrom('alerts')
    .select(['id', 'title', 'owner', 'failing', 'active', 'channels', 'webhook_secret'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, failing: Number(row.failing), active: Number(row.active), channels: parseChannels(row.channels) } : null;
}

/**
 * A rule the caller may see: its owner's (in team mode the signed-in user, unless an admin: `restrictedTo` as for
 * boards, db/ownership.ts); another user's rule is "not found", like one that does not exist.
 */
export async function visibleAlertRule(atlas: Atlas, id: string, restrictedTo: string | undefined): Promise<AlertRule> {
  const rule = await findAlertRule(atlas, id);
  if (!rule || (restrictedTo !== undefined && rule.owner !== restrictedTo)) throw notFound(`no alert rule with id "${id}"`);
  return rule;
}

export type Delivery = DeliveryTable;

/** A claimed delivery with what sending it needs; `rule` is null when the rule was deleted meanwhile. */
export interface ClaimedDelivery {
  delivery: Delivery;
  claimedUntil: string;
  event: DeliveryEvent;
  rule: AlertRule | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Claim up to `limit` due deliveries (pending, due, not claimed or claimed by a sender that has not finished in
 * time) until now + claimMs, in one statement: on PostgreSQL the rows are picked `for update skip locked`, so
 * several instances never claim one row at once; on SQLite the statement holds the only writer.
 */
export async function claimDueDeliveries(atlas: Atlas, options: { now: number; claimMs: number; limit: number }): Promise<ClaimedDelivery[]> {
  const now = iso(options.now);
  const until = iso(options.now + options.claimMs);
  const due = (db: Kysely<Database>) =>
    db
      .selectFrom('deliveries')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]));
  // A read first (on SQLite it takes the read-only connection): the writer is taken only when something is due.
  if (!(await due(atlas.db).limit(1).executeTakeFirst())) return [];
  let pick = due(atlas.db).orderBy('next_attempt_at').orderBy('id').limit(options.limit);
  if (atlas.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
  const claimed = await atlas.db
    .updateTable('deliveries')
    .set({ claimed_until: until })
    .where('id', 'in', pick)
    .returningAll()
    .execute();
  if (claimed.length === 0) return [];
  return attachEvents(atlas, claimed, until);
}

async function attachEvents(atlas: Atlas, deliveries: Delivery[], claimedUntil: string): Promise<ClaimedDelivery[]> {
  const notificationIds = [...new Set(deliveries.map((d) => Number(d.notification_id)))];
  const notifications = new Map(
    (await atlas.db.selectFrom('notifications').selectAll().where('id', 'in', notificationIds).execute()).map((n) => [Number(n.id), n]),
  );
  const rules = new Map<string, AlertRule | null>();
  for (const alertId of new Set(deliveries.map((d) => d.alert_id))) rules.set(alertId, await findAlertRule(atlas, alertId));
  return deliveries.map((delivery) => {
    const notification = notifications.get(Number(delivery.notification_id));
    const rule = rules.get(delivery.alert_id) ?? null;
    const event: DeliveryEvent = {
      deliveryId: delivery.id,
      alert: { id: delivery.alert_id, title: rule?.title ?? delivery.alert_id },
      kind: notification?.kind ?? 'unknown',
      at: notification?.at ?? delivery.created_at,
      summary: notification?.summary ?? '',
      summaryZh: notification?.summary_zh ?? null,
      url: notification?.url ?? null,
      payload: parsePayload(notification?.payload ?? null),
    };
    return { delivery, claimedUntil, event, rule };
  });
}

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  /** A failure no retry can mend (the rule is gone, the channel was removed): failed at once. */
  final?: boolean;
}

/**
 * Record one attempt of a claimed delivery and release the claim: sent on a 2xx, else due again after the
 * backoff, or failed after MAX_TRIES (and its rule marked failing). A later success clears the rule's flag. Only a
 * pending row is changed: a sender whose claim ran out and whose row another sender settled changes nothing.
 */
export async function recordAttempt(atlas: Atlas, claimed: ClaimedDelivery, outcome: AttemptOutcome, options: { now: number; retryBaseMs: number }): Promise<Delivery['state']> {
  const { delivery } = claimed;
  const attempts = Number(delivery.attempts) + 1;
  const at = iso(options.now);
  const state: Delivery['state'] = outcome.ok ? 'sent' : outcome.final || attempts >= MAX_TRIES ? 'failed' : 'pending';
  await atlas.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('deliveries')
      .set({
        state,
        attempts,
        last_status: outcome.status,
        last_error: outcome.error,
        claimed_until: null,
        sent_at: outcome.ok ? at : null,
        next_attempt_at: state === 'pending' ? iso(options.now + retryDelayMs(options.retryBaseMs, attempts)) : delivery.next_attempt_at,
      })
      .where('id', '=', delivery.id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await trx
      .insertInto('delivery_attempts')
      .values({ delivery_id: delivery.id, at, status: outcome.status, error: outcome.error, duration_ms: Math.round(outcome.durationMs) })
      .execute();
    if (state === 'failed' || state === 'sent') {
      await alertsDb(trx)
        .updateTable('alerts')
        .set({ failing: state === 'failed' ? 1 : 0 })
        .where('id', '=', delivery.alert_id)
        .where('failing', '=', state === 'failed' ? 0 : 1)
        .execute();
    }
  });
  return state;
}

/** Give claims back (a sender stopping before it sent them): due at once for the next sender. */
export async function releaseClaims(atlas: Atlas, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await atlas.db.updateTable('deliveries').set({ claimed_until: null }).where('id', 'in', ids).where('state', '=', 'pending').execute();
}

export interface DeliveryLogEntry {
  id: string;
  notificationId: number;
  channel: Delivery['channel'];
  state: Delivery['state'];
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  event: { kind: string; at: string; summary: string; summaryZh: string | null; url: string | null } | null;
  attemptLog: { at: string; status: number | null; error: string | null; durationMs: number | null }[];
}

/** A rule's deliveries, newest first, each with its attempts, newest first. */
export async function deliveryLog(atlas: Atlas, alertId: string, options: { limit: number }): Promise<DeliveryLogEntry[]> {
  const deliveries = await atlas.db
    .selectFrom('deliveries')
    .selectAll()
    .where('alert_id', '=', alertId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  if (deliveries.length === 0) return [];
  const ids = deliveries.map((d) => d.id);
  const attempts = await atlas.db.selectFrom('delivery_attempts').selectAll().where('delivery_id', 'in', ids).orderBy('id', 'desc').execute();
  const notificationIds = [...new Set(deliveries.map((d) => Number(d.notification_id)))];
  const notifications = new Map(
    (await atlas.db.selectFrom('notifications').select(['id', 'kind', 'at', 'summary', 'summary_zh', 'url']).where('id', 'in', notificationIds).execute()).map((n) => [Number(n.id), n]),
  );
  return deliveries.map((d) => {
    const n = notifications.get(Number(d.notification_id));
    return {
      id: d.id,
      notificationId: Number(d.notification_id),
      channel: d.channel,
      state: d.state,
      attempts: Number(d.attempts),
      nextAttemptAt: d.state === 'pending' ? d.next_attempt_at : null,
      lastStatus: d.last_status === null ? null : Number(d.last_status),
      lastError: d.last_error,
      createdAt: d.created_at,
      sentAt: d.sent_at,
      event: n ? { kind: n.kind, at: n.at, summary: n.summary, summaryZh: n.summary_zh, url: n.url } : null,
      attemptLog: attempts
        .filter((a) => a.delivery_id === d.id)
        .map((a) => ({ at: a.at, status: a.status === null ? null : Number(a.status), error: a.error, durationMs: a.duration_ms === null ? null : Number(a.duration_ms) })),
    };
  });
}

/**
 * "Test delivery": a notification of kind `test` for the rule's owner and a pending delivery for each of its
 * webhook and email channels, in one transaction; the sender picks them up on its next poll.
 */
export async function queueTestDelivery(atlas: Atlas, rule: AlertRule, now = Date.now()): Promise<{ notificationId: number; deliveries: { id: string; channel: Delivery['channel'] }[] }> {
  const at = iso(now);
  const channels: Delivery['channel'][] = [...(rule.channels.webhook ? ['webhook' as const] : []), ...(rule.channels.email ? ['email' as const] : [])];
  return atlas.db.transaction().execute(async (trx) => {
    const notification = await trx
      .insertInto('notifications')
      .values({
        owner: rule.owner,
        follow_id: null,
        alert_id: rule.id,
        kind: 'test',
        at,
        summary: `Test delivery of the alert “${rule.title}”`,
        summary_zh: `提醒“${rule.title}”的测试投递`,
        url: `/alerts/${encodeURIComponent(rule.id)}/deliveries`,
        payload: null,
        seen_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const notificationId = Number(notification.id);
    const deliveries = channels.map((channel) => ({ id: randomUUID(), channel }));
    if (deliveries.length > 0) {
      await trx
        .insertInto('deliveries')
        .values(deliveries.map((d) => ({ id: d.id, notification_id: notificationId, alert_id: rule.id, channel: d.channel, state: 'pending' as const, attempts: 0, next_attempt_at: at, created_at: at })))
        .execute();
    }
    return { notificationId, deliveries };
  });
}

/** Deliveries still to send (any rule); the sender's tests and the delivery log's banner read it. */
export async function pendingCount(atlas: Atlas): Promise<number> {
  const row = await atlas.db.selectFrom('deliveries').select(sql<number>`count(*)`.as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}
