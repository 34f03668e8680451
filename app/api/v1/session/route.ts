import { endSession } from '@/db/auth';
import { hasUsers } from '@/db/users';
import { clearedSessionCookie, isHttps, readCookie, SESSION_COOKIE } from '@/lib/auth/http';
import { parseBody, signInSchema } from '@/lib/auth/schemas';
import { ApiError } from '@/lib/errors';
import { handle, json, readJson } from '../../_lib/respond';
import { signIn } from '../../_lib/sign-in';

export const dynamic = 'force-dynamic';

/** Who is signed in: `{ mode: "local" | "team", user: { id, email, role } | null }`. */
export async function GET(request: Request) {
  return handle(request, 'public', async ({ atlas, user }) => json({ mode: (await hasUsers(atlas.db)) ? 'team' : 'local', user }));
}

/** Sign in with `{ email, password }`: 200 and a session cookie, 401 when wrong, 429 after repeated failures. */
export async function POST(request: Request) {
  return handle(request, 'public', async ({ atlas }) => {
    const { email, password } = parseBody(signInSchema, await readJson(request));
    if (!(await hasUsers(atlas.db))) throw new ApiError(409, 'local mode: there are no users yet; create the first admin on /setup or with npm run user:add');
    return signIn(atlas, request, email, password);
  });
}

/** Sign out: the session ends on the server and the cookie is removed (204 even without a session). */
export async function DELETE(request: Request) {
  return handle(request, 'public', async ({ atlas }) => {
    const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
    if (token) await endSession(atlas.db, token);
    return new Response(null, { status: 204, headers: { 'Set-Cookie': clearedSessionCookie(isHttps(request.url, request.headers)), 'Cache-Control': 'no-store' } });
  });
}
