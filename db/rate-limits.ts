import { sql } from 'kysely';
import type { Executor } from './changes';

// Fixed-window request counters in the database, so a limit holds across every app instance on it.

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

const iso = (d: Date) => d.toISOString();

/**
 * Count one request against `key`: atomically (one upsert), so parallel requests and instances all count.
 * Returns null while the key is within its limit, else the seconds until its window ends (at least 1).
 */
export async function hitRateLimit(db: Executor, key: string, { limit, windowMs }: RateLimit, now = new Date()): Promise<number | null> {
  const at = iso(now);
  const since = iso(new Date(now.getTime() - windowMs));
  const expired = sql<boolean>`rate_limits.window_start <= ${since}`;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, window_start: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when ${expired} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when ${expired} then ${at} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  // Forget windows that are over now and then (about one request in fifty), not on every request.
  if (Math.random() < 0.02) await db.deleteFrom('rate_limits').where('window_start', '<=', since).execute();
  if (Number(row.count) <= limit) return null;
  return Math.max(1, Math.ceil((Date.parse(row.window_start) + windowMs - now.getTime()) / 1000));
}
