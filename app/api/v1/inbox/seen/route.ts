import { markSeen, unseenCount } from '@/db/follows';
import { seenBodySchema } from '@/lib/alerts/inputs';
import { parseBody } from '@/lib/auth/schemas';
import { handle, json, readJson } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Mark the caller's notifications seen: `{}` all of them, `{ "upTo": id }` those up to that id. */
export async function POST(request: Request) {
  return handle(request, 'read', async ({ atlas, actor }) => {
    const { upTo } = parseBody(seenBodySchema, request.body === null ? {} : await readJson(request));
    const marked = await markSeen(atlas.db, actor, upTo);
    return json({ marked, unseen: await unseenCount(atlas.db, actor) });
  });
}
