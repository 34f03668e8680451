// Time limits of sessions and of failed sign-ins, as pure functions of "now" so tests can reason about them.

export interface SessionPolicy {
  /** A session unused this long is over (idle timeout). */
  idleHours: number;
  /** A session is over this long after sign-in, however busy (absolute timeout). */
  maxHours: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Failed sign-ins per email within the window before the next attempt is refused with 429. */
export const EMAIL_FAILURE_LIMIT = 5;
/**
 * Failed sign-ins per client address within the window. Higher than per email: people behind one office
 * NAT (or every request of a server without a proxy, all seen as 'local') share an address.
 */
export const ADDRESS_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MS = 15 * MINUTE;

/** last_seen_at is written at most this often, so reading pages does not turn into a write per request. */
export const TOUCH_EVERY_MS = MINUTE;

export interface SessionTimes {
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/** A session is alive until its absolute expiry and while it was seen within the idle timeout. */
export function sessionAlive(session: SessionTimes, policy: SessionPolicy, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(session.expires_at) > t && Date.parse(session.last_seen_at) + policy.idleHours * HOUR > t;
}

/** Seconds until a locked key may try again (at least 1). */
export const retryAfterSeconds = (windowStart: string, now: Date): number =>
  Math.max(1, Math.ceil((Date.parse(windowStart) + FAILURE_WINDOW_MS - now.getTime()) / 1000));
