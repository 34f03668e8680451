import { inboxOf } from '@/db/follows';
import { inboxQuerySchema } from '@/lib/alerts/inputs';
import { badRequest } from '@/lib/errors';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** The caller's notifications, newest first, and how many are unseen. */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas, actor }) => {
    const parsed = inboxQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'query');
      throw badRequest(`${param}: ${issue.message}`, param);
    }
    return json(await inboxOf(atlas.db, actor, parsed.data));
  });
}
