import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { userForSession } from '@/db/auth';
import { getAtlas } from '@/db/connection';
import { hasUsers } from '@/db/users';
import { safeNextPath, SESSION_COOKIE } from '@/lib/auth/http';
import { isTokenShaped, VISITOR_COOKIE } from '@/lib/shares/target';
import { sharedView } from '../_views/shared';
import { allows, type AuthUser, type Permission } from '@/lib/auth/roles';
import { sessionPolicy } from '../api/_lib/access';

/** Set by middleware.ts on page requests: the path and query the visitor asked for (for `?next=`). */
export const PATH_HEADER = 'x-atlas-path';

export type Viewer = { mode: 'local'; user: null } | { mode: 'team'; user: AuthUser | null } | { mode: 'shared'; user: null };

/** Who is looking at this page: local mode, or team mode with the signed-in user (or nobody). Once per request. */
export const currentViewer = cache(async (): Promise<Viewer> => {
  const atlas = await getAtlas();
  if (!(await hasUsers(atlas.db))) return { mode: 'local', user: null };
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return { mode: 'team', user: token ? await userForSession(atlas.db, token, sessionPolicy()) : null };
});

/** The page the visitor asked for, as a safe `next=` target. */
export async function requestedPath(): Promise<string> {
  return safeNextPath((await headers()).get(PATH_HEADER));
}

/**
 * The server-side gate of every page: call it first thing. Local mode lets everyone in. In team mode an
 * anonymous visitor is sent to /sign-in (and back here afterwards); a signed-in user whose role is too low
 * for the page (a viewer on an editing page) is sent to /forbidden, which says so.
 */
export async function requireUser(permission: Exclude<Permission, 'public'> = 'read'): Promise<Viewer> {
  // A checked share link is rendering this page (app/s/[token]/view): read-only, nothing else to check.
  if (sharedView()) return { mode: 'shared', user: null };
  const viewer = await currentViewer();
  // A browser that came in through a share link sees that view only, unless someone signs in.
  const visitor = (await cookies()).get(VISITOR_COOKIE)?.value;
  if (visitor && isTokenShaped(visitor) && !viewer.user) redirect(`/s/${visitor}/view?only=1`);
  if (viewer.mode === 'local') return viewer;
  const next = encodeURIComponent(await requestedPath());
  if (!viewer.user) redirect(`/sign-in?next=${next}`);
  if (!allows(viewer.user.role, permission)) redirect(`/forbidden?need=${permission}&next=${next}`);
  return viewer;
}

/**
 * The email that limits which owned rows (boards) a viewer sees and edits, as the API's restrictedTo: a signed-in
 * user who is not an admin. Undefined in local mode, for admins and on share links (whose data is already checked).
 */
export const restrictionOf = (viewer: Viewer): string | undefined => (viewer.mode === 'team' && viewer.user && viewer.user.role !== 'admin' ? viewer.user.email : undefined);

/** Whether a viewer may write at all: everyone in local mode, editors and admins in team mode, nobody on a share link. */
export const mayWrite = (viewer: Viewer): boolean => viewer.mode === 'local' || (viewer.mode === 'team' && viewer.user !== null && allows(viewer.user.role, 'write'));
