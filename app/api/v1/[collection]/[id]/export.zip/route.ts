import { notFound } from '@/lib/errors';
import { boardZipResponse } from '../../../../_lib/board-export';
import { collectionFrom, handle, restrictedTo } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/boards/{id}/export.zip?<board filters> → a zip of README.txt and one CSV per tile that holds data,
 * with the same filters, permissions and errors as /data (404 for a board this user may not see).
 */
export async function GET(request: Request, { params }: { params: Promise<{ collection: string; id: string }> }) {
  return handle(request, 'read', async (ctx) => {
    const { collection, id } = await params;
    if (collectionFrom(collection).id !== 'boards') throw notFound(`${collection} rows have no export.zip: only boards do`);
    return boardZipResponse(ctx.atlas, id, new URL(request.url).searchParams, restrictedTo(ctx));
  });
}
