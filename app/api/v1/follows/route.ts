import { addFollow, listFollows } from '@/db/follows';
import { followBodySchema } from '@/lib/alerts/inputs';
import { parseBody } from '@/lib/auth/schemas';
import { resolveFollow } from '../../_lib/follow-targets';
import { handle, json, readJson, restrictedTo } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** The caller's follows, newest first. */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas, actor }) => json({ rows: await listFollows(atlas.db, actor) }));
}

/** Follow a company (as a company or as an investor), a table view, a hypothesis or a board: 201, or 200 when already followed. */
export async function POST(request: Request) {
  return handle(request, 'read', async (ctx) => {
    const body = parseBody(followBodySchema, await readJson(request));
    const resolved = await resolveFollow(ctx.atlas, body.kind, body.target, body.title, restrictedTo(ctx));
    const { follow, created } = await addFollow(ctx.atlas.db, ctx.actor, { kind: body.kind, ...resolved });
    return json(follow, created ? 201 : 200);
  });
}
