import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { notFound } from '../lib/errors';
import type { FollowTable } from './alert-types';
import type { Executor } from './changes';
import { randomId } from './ids';
import { dynamic, type Database } from './types';

// Follows, the inbox of what is new, and Atom feed tokens (issue 18): each belongs to one owner (the change
// log's actor). Notifications are written by db/outbox.ts in the transaction of the change that caused them.

export type FollowKind = FollowTable['kind'];

export interface Follow {
  id: string;
  kind: FollowKind;
  target: string;
  title: string | null;
  createdAt: string;
}

const toFollow = (row: FollowTable): Follow => ({ id: row.id, kind: row.kind, target: row.target, title: row.title, createdAt: row.created_at });

export async function findFollow(db: Executor, owner: string, kind: FollowKind, target: string): Promise<Follow | null> {
  const row = await db.selectFrom('follows').selectAll().where('owner', '=', owner).where('kind', '=', kind).where('target', '=', target).executeTakeFirst();
  return row ? toFollow(row) : null;
}

export async function listFollows(db: Executor, owner: string): Promise<Follow[]> {
  const rows = await db.selectFrom('follows').selectAll().where('owner', '=', owner).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toFollow);
}

/** Follow something; following it again answers the follow that exists (`created: false`). */
export async function addFollow(db: Executor, owner: string, follow: { kind: FollowKind; target: string; title: string | null }): Promise<{ follow: Follow; created: boolean }> {
  const existing = await db.selectFrom('follows').selectAll().where('owner', '=', owner).where('kind', '=', follow.kind).where('target', '=', follow.target).executeTakeFirst();
  if (existing) return { follow: toFollow(existing), created: false };
  const row: FollowTable = { id: randomId('follow'), owner, kind: follow.kind, target: follow.target, title: follow.title, created_at: new Date().toISOString() };
  await db.insertInto('follows').values(row).execute();
  return { follow: toFollow(row), created: true };
}

export async function removeFollow(db: Executor, owner: string, id: string): Promise<void> {
  const result = await db.deleteFrom('follows').where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`no follow with id "${id}"`);
}

/** Whether an alert rule keeps a webhook secret (an edit that keeps the webhook keeps it). */
export async function hasWebhookSecret(db: Executor, id: string): Promise<boolean> {
  const row = await dynamic(db as Kysely<Database>).selectFrom('alerts').select(sql<string | null>`webhook_secret`.as('secret')).where(sql.ref('id'), '=', id).executeTakeFirst();
  return Boolean(row?.secret);
}

/** The titles of alert rules (for grouping notifications), by id. */
export async function ruleTitles(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await dynamic(db as Kysely<Database>).selectFrom('alerts').select([sql<string>`id`.as('id'), sql<string>`title`.as('title')]).where(sql<boolean>`id in (${sql.join(ids)})`).execute();
  return new Map(rows.map((r) => [String(r.id), String(r.title)]));
}

export interface Notification {
  id: number;
  kind: string;
  at: string;
  summary: string;
  summaryZh: string | null;
  url: string | null;
  payload: unknown;
  followId: string | null;
  alertId: string | null;
  seen: boolean;
}

export async function inboxOf(db: Executor, owner: string, options: { limit: number; before?: number }): Promise<{ rows: Notification[]; unseen: number }> {
  let query = db.selectFrom('notifications').selectAll().where('owner', '=', owner);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      at: r.at,
      summary: r.summary,
      summaryZh: r.summary_zh,
      url: r.url,
      payload: r.payload ? JSON.parse(r.payload) : null,
      followId: r.follow_id,
      alertId: r.alert_id,
      seen: r.seen_at !== null,
    })),
    unseen: await unseenCount(db, owner),
  };
}

export async function unseenCount(db: Executor, owner: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('owner', '=', owner).where('seen_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mark the owner's notifications seen: all, or those up to and including `upTo`. Answers how many were marked. */
export async function markSeen(db: Executor, owner: string, upTo?: number): Promise<number> {
  let query = db.updateTable('notifications').set({ seen_at: new Date().toISOString() }).where('owner', '=', owner).where('seen_at', 'is', null);
  if (upTo !== undefined) query = query.where('id', '<=', upTo);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- Atom feed tokens: the token is in the feed's URL; only its hash is kept. ----

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** A token's shape: what a feed URL may hold (anything else is a 404 before the database is asked). */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

export interface FeedToken {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

export async function createFeedToken(db: Executor, owner: string): Promise<FeedToken & { token: string }> {
  const token = randomBytes(24).toString('base64url');
  const row = { id: randomId('feed'), owner, token_hash: hashOf(token), created_at: new Date().toISOString(), revoked_at: null };
  await db.insertInto('feed_tokens').values(row).execute();
  return { id: row.id, createdAt: row.created_at, revokedAt: null, token };
}

export async function listFeedTokens(db: Executor, owner: string): Promise<FeedToken[]> {
  const rows = await db.selectFrom('feed_tokens').select(['id', 'created_at', 'revoked_at']).where('owner', '=', owner).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

export async function revokeFeedToken(db: Executor, owner: string, id: string): Promise<void> {
  const result = await db.updateTable('feed_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('owner', '=', owner).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound(`no active feed token with id "${id}"`);
}

/** The owner of a live feed token; null for a wrong or revoked one. */
export async function feedOwner(db: Executor, token: string): Promise<string | null> {
  if (!FEED_TOKEN_PATTERN.test(token)) return null;
  const row = await db.selectFrom('feed_tokens').select('owner').where('token_hash', '=', hashOf(token)).where('revoked_at', 'is', null).executeTakeFirst();
  return row?.owner ?? null;
}
