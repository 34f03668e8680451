import { undoBatch } from '@/db/imports';
import { badRequest } from '@/lib/errors';
import { handle, json } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  return handle(request, 'write', async ({ atlas, actor }) => {
    const batchId = (await params).batchId;
    if (!/^[a-z0-9-]{1,80}$/.test(batchId)) throw badRequest('a batch id looks like imp-20261128-0123456789', 'batchId');
    return json(await undoBatch(atlas, batchId, actor));
  });
}
