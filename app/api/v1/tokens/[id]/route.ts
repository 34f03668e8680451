import { revokeApiToken } from '@/db/auth';
import { notFound } from '@/lib/errors';
import { handle } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Revoke an API token: your own, or anyone's for an admin. 204; 404 when there is no such token of yours. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'read', async ({ atlas, user }) => {
    const { id } = await params;
    const revoked = user ? await revokeApiToken(atlas.db, id, user.role === 'admin' ? null : user.id) : false;
    if (!revoked) throw notFound(`no API token with id "${id}"`);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
}
