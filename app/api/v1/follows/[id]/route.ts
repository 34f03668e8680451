import { removeFollow } from '@/db/follows';
import { handle } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Stop following: 204; 404 when the caller has no such follow. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'read', async ({ atlas, actor }) => {
    await removeFollow(atlas.db, actor, (await params).id);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
}
