import { listShares } from '@/db/shares';
import { createShareFromBody } from '../../_lib/shares';
import { handle, json, readJson } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Every share link (tokens included, so that they can be copied again and revoked). */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => json({ rows: await listShares(atlas.db) }));
}

/** `{ path, title?, mode, expiresAt?, allowCsv? }` → 201 the new link. */
export async function POST(request: Request) {
  return handle(request, 'write', async ({ atlas, actor }) => {
    const link = await createShareFromBody(atlas, await readJson(request), actor, new URL(request.url).origin);
    return json(link, 201);
  });
}
