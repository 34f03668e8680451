import { createApiToken, listApiTokens } from '@/db/auth';
import { newTokenSchema, parseBody } from '@/lib/auth/schemas';
import { ApiError } from '@/lib/errors';
import { handle, json, readJson } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** The caller's own API tokens (never their secrets). */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas, user }) => json({ rows: user ? await listApiTokens(atlas.db, user.id) : [] }));
}

/** A new API token `{ name }` → 201 `{ id, name, token, createdAt }`: the token is shown this once. */
export async function POST(request: Request) {
  return handle(request, 'read', async ({ atlas, user, via }) => {
    const { name } = parseBody(newTokenSchema, await readJson(request));
    if (!user) throw new ApiError(409, 'API tokens belong to users: in local mode scripts need none (add a user to turn on team mode)');
    // A stolen token must not be able to mint tokens that outlive its revocation.
    if (via !== 'session') throw new ApiError(403, 'create API tokens while signed in (on /account/tokens), not with another token');
    return json(await createApiToken(atlas.db, user.id, name), 201);
  });
}
