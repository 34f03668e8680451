// Team-mode helpers for tests: users and sessions made through the data layer (fast: no sign-in round trip).
import { createSession } from '../../db/auth';
import type { Atlas } from '../../db/connection';
import { createUser, hasUsers, type UserView } from '../../db/users';
import type { Role } from '../../lib/auth/roles';

export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'correct horse battery staple';

/** Headers a browser sends with a same-origin fetch carrying the session cookie. */
export const browser = (cookie: string): Record<string, string> => ({ cookie, origin: ORIGIN, 'sec-fetch-site': 'same-origin' });

/** Add a user (the first one of a database is made an admin first, as the app requires). */
export async function addUser(atlas: Atlas, email: string, role: Role, password = PASSWORD): Promise<UserView> {
  if (role !== 'admin' && !(await hasUsers(atlas.db))) await createUser(atlas, { email: `first-admin-${email}`, password, role: 'admin' });
  return createUser(atlas, { email, password, role });
}

/** A Cookie header of a fresh session for the user. */
export async function sessionFor(atlas: Atlas, userId: string): Promise<string> {
  const { token } = await createSession(atlas.db, userId, { idleHours: 12, maxHours: 168 });
  return `atlas_session=${token}`;
}

/** The session token inside a Set-Cookie header, or null. */
export const cookieFrom = (setCookie: string | null): string | null => /atlas_session=([^;]*)/.exec(setCookie ?? '')?.[1] || null;
