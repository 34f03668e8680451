import { revokeFeedToken } from '@/db/follows';
import { handle } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Revoke a feed token: its feed answers 404 from now on. 204; 404 when the caller has no such live token. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'read', async ({ atlas, actor }) => {
    await revokeFeedToken(atlas.db, actor, (await params).id);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  });
}
