import { sql } from 'kysely';
import { FAILURE_WINDOW_MS, HOUR, retryAfterSeconds, sessionAlive, TOUCH_EVERY_MS, type SessionPolicy } from '../lib/auth/policy';
import type { AuthUser } from '../lib/auth/roles';
import { newApiToken, randomId, randomToken, sha256 } from '../lib/auth/tokens';
import type { Executor } from './changes';

// Sessions, API tokens and failed sign-in counters. Only SHA-256 hashes of tokens are stored; every
// lookup refuses disabled users, so disabling someone locks them out at once.

const iso = (date: Date) => date.toISOString();
const stale = (seen: string | null, now: Date) => !seen || Date.parse(seen) + TOUCH_EVERY_MS <= now.getTime();

const touching = new Map<string, Promise<void>>();
const TOUCH_WAIT_MS = 250;
/**
 * Note a use of a session or token, waiting for it at most TOUCH_WAIT_MS: on SQLite a write waits for the writer,
 * which a long import holds for minutes, and a read (the import's progress) must not wait with it; at other times
 * the touch is done before the answer. One touch per row at a time.
 */
function touch(key: string, write: () => Promise<unknown>): Promise<void> {
  let pending = touching.get(key);
  if (!pending) {
    pending = write()
      .then(() => undefined)
      .catch((error: unknown) => console.error(error))
      .finally(() => touching.delete(key));
    touching.set(key, pending);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, TOUCH_WAIT_MS)));
  return Promise.race([pending, bound]).finally(() => clearTimeout(timer));
}

/** Start a session; returns the cookie token (shown to the browser once, stored only as its hash). */
export async function createSession(db: Executor, userId: string, policy: SessionPolicy, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken();
  const expiresAt = iso(new Date(now.getTime() + policy.maxHours * HOUR));
  await db.deleteFrom('sessions').where('expires_at', '<', iso(now)).execute(); // housekeeping, cheap with the index
  await db.insertInto('sessions').values({ id: sha256(token), user_id: userId, created_at: iso(now), expires_at: expiresAt, last_seen_at: iso(now) }).execute();
  return { token, expiresAt };
}

/** The user of a live session, or null (unknown, expired, idle too long, or the user is disabled). */
export async function userForSession(db: Executor, token: string, policy: SessionPolicy, now = new Date()): Promise<AuthUser | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.created_at', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id as user_id', 'users.email', 'users.role', 'users.disabled_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (!sessionAlive(row, policy, now)) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (row.disabled_at !== null) return null;
  if (stale(row.last_seen_at, now)) await touch(`session:${id}`, () => db.updateTable('sessions').set({ last_seen_at: iso(now) }).where('id', '=', id).execute());
  return { id: row.user_id, email: row.email, role: row.role };
}

export async function endSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A new API token for a user: the secret is returned here once and stored only hashed. */
export async function createApiToken(db: Executor, userId: string, name: string): Promise<ApiTokenView & { token: string }> {
  const token = newApiToken();
  const row = { id: randomId('tok'), user_id: userId, name, token_hash: sha256(token), created_at: iso(new Date()), last_used_at: null, revoked_at: null };
  await db.insertInto('api_tokens').values(row).execute();
  return { id: row.id, name, createdAt: row.created_at, lastUsedAt: null, revokedAt: null, token };
}

export async function listApiTokens(db: Executor, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/**
 * Revoke a token of `ownerId` (or of anyone when ownerId is null: admins). False when there is no such token
 * for that owner; revoking an already revoked token is fine.
 */
export async function revokeApiToken(db: Executor, id: string, ownerId: string | null): Promise<boolean> {
  let query = db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', id);
  if (ownerId !== null) query = query.where('user_id', '=', ownerId);
  const row = await query.executeTakeFirst();
  if (!row) return false;
  if (row.revoked_at === null) await db.updateTable('api_tokens').set({ revoked_at: iso(new Date()) }).where('id', '=', id).execute();
  return true;
}

/** The owner of a live API token, or null (unknown, revoked, or the owner is disabled). */
export async function userForApiToken(db: Executor, token: string, now = new Date()): Promise<AuthUser | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'users.id as user_id', 'users.email', 'users.role'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (stale(row.last_used_at, now)) await touch(`token:${row.token_id}`, () => db.updateTable('api_tokens').set({ last_used_at: iso(now) }).where('id', '=', row.token_id).execute());
  return { id: row.user_id, email: row.email, role: row.role };
}

export interface AttemptKey {
  key: string;
  limit: number;
}

/** Seconds to wait when any of the keys has used up its failures in the current window, else null. */
export async function signInLockedFor(db: Executor, keys: AttemptKey[], now = new Date()): Promise<number | null> {
  if (!keys.length) return null;
  const since = iso(new Date(now.getTime() - FAILURE_WINDOW_MS));
  const rows = await db.selectFrom('sign_in_attempts').selectAll().where('key', 'in', keys.map((k) => k.key)).where('window_start', '>', since).execute();
  const waits = rows.filter((r) => Number(r.count) >= (keys.find((k) => k.key === r.key)?.limit ?? Infinity)).map((r) => retryAfterSeconds(r.window_start, now));
  return waits.length ? Math.max(...waits) : null;
}

/** Count one failed sign-in against each key: atomically, so parallel attempts (or app instances) all count. */
export async function recordSignInFailure(db: Executor, keys: string[], now = new Date()): Promise<void> {
  const at = iso(now);
  const since = iso(new Date(now.getTime() - FAILURE_WINDOW_MS));
  const expired = sql<boolean>`sign_in_attempts.window_start <= ${since}`;
  for (const key of keys) {
    await db
      .insertInto('sign_in_attempts')
      .values({ key, count: 1, window_start: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when ${expired} then 1 else sign_in_attempts.count + 1 end`,
          window_start: sql<string>`case when ${expired} then ${at} else sign_in_attempts.window_start end`,
        }),
      )
      .execute();
  }
  await db.deleteFrom('sign_in_attempts').where('window_start', '<=', since).execute();
}

export async function clearSignInFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('key', '=', key).execute();
}
