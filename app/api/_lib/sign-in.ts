import 'server-only';
import { clearSignInFailures, createSession, recordSignInFailure, signInLockedFor } from '@/db/auth';
import type { Atlas } from '@/db/connection';
import { findUserByEmail } from '@/db/users';
import { clientAddress, isHttps, sessionCookie } from '@/lib/auth/http';
import { verifyAgainstNothing, verifyPassword } from '@/lib/auth/password';
import { ADDRESS_FAILURE_LIMIT, EMAIL_FAILURE_LIMIT, HOUR } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/roles';
import { readEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { sessionPolicy } from './access';
import { json } from './respond';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The 200 answer of a successful sign-in or setup: the user, and the session cookie. */
export async function startSession(atlas: Atlas, request: Request, user: AuthUser, status = 200): Promise<Response> {
  const policy = sessionPolicy();
  const { token, expiresAt } = await createSession(atlas.db, user.id, policy);
  const cookie = sessionCookie(token, { maxAgeSeconds: (policy.maxHours * HOUR) / 1000, secure: isHttps(request.url, request.headers) });
  return json({ user: { id: user.id, email: user.email, role: user.role }, expiresAt }, status, { 'Set-Cookie': cookie });
}

const WRONG = 'wrong email or password';

/**
 * Check an email and password. A wrong password and an unknown (or disabled) email get the same 401 after
 * the same work and the same pause; too many failures for the email or the client address are a 429 with
 * Retry-After until the window has passed (the right password included).
 */
export async function signIn(atlas: Atlas, request: Request, email: string, password: string): Promise<Response> {
  const emailKey = `email:${email}`;
  const keys = [
    { key: emailKey, limit: EMAIL_FAILURE_LIMIT },
    { key: `ip:${clientAddress(request.headers)}`, limit: ADDRESS_FAILURE_LIMIT },
  ];
  const wait = await signInLockedFor(atlas.db, keys);
  if (wait !== null) {
    const minutes = Math.ceil(wait / 60);
    const message = `too many failed sign-ins: wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again`;
    return json({ error: { code: 'rate_limited', message, retryAfter: wait } }, 429, { 'Retry-After': String(wait) });
  }
  const user = await findUserByEmail(atlas.db, email);
  const ok = user && user.disabled_at === null ? await verifyPassword(password, user.password_hash) : await verifyAgainstNothing(password);
  if (!ok || !user) {
    await recordSignInFailure(atlas.db, keys.map((k) => k.key));
    await sleep(readEnv().ATLAS_SIGNIN_DELAY_MS);
    throw new ApiError(401, WRONG);
  }
  await clearSignInFailures(atlas.db, emailKey);
  return startSession(atlas, request, { id: user.id, email: user.email, role: user.role });
}
