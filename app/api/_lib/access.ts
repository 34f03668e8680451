import 'server-only';
import { userForApiToken, userForSession } from '@/db/auth';
import type { Atlas } from '@/db/connection';
import { hasUsers } from '@/db/users';
import { isStateChanging, readCookie, requestSource, SESSION_COOKIE } from '@/lib/auth/http';
import type { SessionPolicy } from '@/lib/auth/policy';
import { allows, roleFor, type AuthUser, type Permission } from '@/lib/auth/roles';
import { bearerToken } from '@/lib/auth/tokens';
import { readEnv } from '@/lib/env';
import { VISITOR_COOKIE, visitorMayCall } from '@/lib/shares/target';
import { ApiError } from '@/lib/errors';

export type { Permission };

/** Who is calling and how they proved it. `actor` is what the change log records. */
export interface Access {
  actor: string;
  user: AuthUser | null;
  via: 'local' | 'session' | 'token' | 'anonymous';
}

export const sessionPolicy = (): SessionPolicy => {
  const env = readEnv();
  return { idleHours: env.ATLAS_SESSION_HOURS, maxHours: env.ATLAS_SESSION_MAX_HOURS };
};

const LOCAL: Access = { actor: 'local', user: null, via: 'local' };
const ANONYMOUS: Access = { actor: 'anonymous', user: null, via: 'anonymous' };

const unauthorized = (message: string) => new ApiError(401, message);
const forbidden = (message: string) => new ApiError(403, message);
const VISITOR = 'refused: this browser opened a shared link, which gives access to that one view only (sign in for more)';
const CROSS_SITE = 'refused: a change must come from this app’s own pages (the request’s Origin or Sec-Fetch-Site names another site, or is missing)';

/**
 * The credentials of a request: an API token (Authorization: Bearer) wins over the session cookie.
 * A token that does not work is an error (a script should hear so); a cookie that does not work is
 * simply no session.
 */
async function identify(atlas: Atlas, request: Request): Promise<{ access: Access; staleCookie: boolean }> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const token = bearerToken(authorization);
    if (!token) throw unauthorized('the Authorization header is not "Bearer <token>"');
    const user = await userForApiToken(atlas.db, token);
    if (!user) throw unauthorized('the API token is unknown or revoked');
    return { access: { actor: user.email, user, via: 'token' }, staleCookie: false };
  }
  const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (!cookie) return { access: ANONYMOUS, staleCookie: false };
  const user = await userForSession(atlas.db, cookie, sessionPolicy());
  return user ? { access: { actor: user.email, user, via: 'session' }, staleCookie: false } : { access: ANONYMOUS, staleCookie: true };
}

/**
 * The single enforcement point of every route handler (called by `handle()` before the handler runs, so a
 * refused request changes nothing).
 * - Every mode: a state-changing request that a browser marks as cross-site is 403.
 * - A browser holding a share-link visitor cookie and no account may call only its link's data (403 else).
 * - Local mode (no users): everyone is the local editor.
 * - Team mode: `public` lets anyone in; otherwise an API token or a session is needed (401), with a role
 *   that has the permission (403); a state-changing request on a cookie session must prove it comes from
 *   our own origin (Sec-Fetch-Site: same-origin or a matching Origin), else 403.
 */
export async function authorize(atlas: Atlas, request: Request, permission: Permission): Promise<Access> {
  const changing = isStateChanging(request.method);
  const source = requestSource(request.url, request.headers);
  const team = await hasUsers(atlas.db);
  // CSRF is a cookie problem: a script with an API token needs no Origin (and a browser cannot send one cross-site).
  if (changing && source === 'cross-site' && !(team && request.headers.has('authorization'))) throw forbidden(CROSS_SITE);
  const visitor = readCookie(request.headers.get('cookie'), VISITOR_COOKIE);
  const refuseVisitor = () => {
    if (visitor !== null && !visitorMayCall(request.method, new URL(request.url).pathname, visitor)) throw forbidden(VISITOR);
  };
  if (!team) {
    refuseVisitor();
    return LOCAL;
  }

  // Broken credentials are an error only where credentials are needed (kept until then).
  const identified = await identify(atlas, request).catch((error: unknown) => ({ error }));
  if ('error' in identified || !identified.access.user) refuseVisitor(); // a signed-in user keeps their rights
  if (permission === 'public') return 'error' in identified ? ANONYMOUS : identified.access;
  if ('error' in identified) throw identified.error;
  const { access, staleCookie } = identified;
  if (!access.user) {
    throw unauthorized(staleCookie ? 'your session has ended: sign in again' : 'sign in first, or send an API token as "Authorization: Bearer <token>"');
  }
  if (changing && access.via === 'session' && source !== 'same-origin') throw forbidden(CROSS_SITE);
  if (!allows(access.user.role, permission)) {
    throw forbidden(`your role (${access.user.role}) does not allow this: it needs the ${roleFor(permission)} role; ask an admin`);
  }
  return access;
}
