import { listShares } from '@/db/shares';
import { createShareFromBody } from '../../_lib/shares';
import { handle, json, readJson, restrictedTo } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Every share link (tokens included, so that they can be copied again and revoked). */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => json({ rows: await listShares(atlas.db) }));
}

/** `{ path, title?, mode, expiresAt?, allowCsv? }` → 201 the new link. */
export async function POST(request: Request) {
  return handle(request, 'write', async (ctx) => {
    const link = await createShareFromBody(ctx.atlas, await readJson(request), ctx.actor, new URL(request.url).origin, restrictedTo(ctx));
    return json(link, 201);
  });
}
