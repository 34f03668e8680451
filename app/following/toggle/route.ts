import { z } from 'zod';
import { addFollow, removeFollow } from '@/db/follows';
import { FOLLOW_KINDS } from '@/lib/alerts/inputs';
import { safeNextPath } from '@/lib/auth/http';
import { ApiError, unprocessable } from '@/lib/errors';
import { issuesOf } from '@/lib/collections/schemas';
import { resolveFollow } from '../../api/_lib/follow-targets';
import { handle, restrictedTo } from '../../api/_lib/respond';

export const dynamic = 'force-dynamic';

const MAX_FORM_BYTES = 16 * 1024;

const toggleSchema = z.strictObject({
  kind: z.enum(FOLLOW_KINDS),
  target: z.string().min(1).max(2000),
  back: z.string().max(4000),
  unfollow: z.string().min(1).max(200).optional(),
});

/**
 * The Follow button's form (app/_components/follow/FollowForm.tsx): follow, or with `unfollow` stop following,
 * then 303 back to the page it came from (a path of this site only). The same checks as /api/v1/follows.
 */
export async function POST(request: Request) {
  return handle(request, 'read', async (ctx) => {
    if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM_BYTES) throw new ApiError(413, 'the form is too large');
    const form = await request.formData().catch(() => null);
    if (!form) throw new ApiError(400, 'the body is not a form');
    const parsed = toggleSchema.safeParse(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])));
    if (!parsed.success) throw unprocessable('the follow form is not valid', issuesOf(parsed.error));
    const { kind, target, back, unfollow } = parsed.data;
    if (unfollow) await removeFollow(ctx.atlas.db, ctx.actor, unfollow);
    else {
      const resolved = await resolveFollow(ctx.atlas, kind, target, undefined, restrictedTo(ctx));
      await addFollow(ctx.atlas.db, ctx.actor, { kind, ...resolved });
    }
    return new Response(null, { status: 303, headers: { Location: safeNextPath(back), 'Cache-Control': 'no-store' } });
  });
}
