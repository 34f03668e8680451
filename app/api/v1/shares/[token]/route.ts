import { findShareLink, revokeShare } from '@/db/shares';
import { ApiError, notFound } from '@/lib/errors';
import { isTokenShaped } from '@/lib/shares/target';
import { handle } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Revoke a link: its creator or an admin (anyone in local mode). 204; 404 when there is no such link. */
export async function DELETE(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(request, 'write', async ({ atlas, actor, user }) => {
    const { token } = await params;
    const link = isTokenShaped(token) ? await findShareLink(atlas.db, token) : null;
    if (!link) throw notFound('no shared link has this token');
    if (user && user.role !== 'admin' && link.createdBy !== actor) throw new ApiError(403, 'only the creator of a link or an admin can revoke it');
    await revokeShare(atlas.db, token);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
}
