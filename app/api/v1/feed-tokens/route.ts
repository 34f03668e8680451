import { createFeedToken, listFeedTokens } from '@/db/follows';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** The caller's Atom feed tokens (never the tokens themselves). */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas, actor }) => json({ rows: await listFeedTokens(atlas.db, actor) }));
}

/** A new feed token → 201 `{ id, token, url, createdAt }`: the token is shown this once. */
export async function POST(request: Request) {
  return handle(request, 'read', async ({ atlas, actor }) => {
    const created = await createFeedToken(atlas.db, actor);
    return json({ ...created, url: `/feeds/${created.token}.atom` }, 201);
  });
}
