import { notFound } from '@/lib/errors';
import { loadBoard } from '../../../../../_views/board';
import { collectionFrom, handle, json, restrictedTo } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/v1/boards/{id}/data?<board filters> → `{ board, filters, tiles: [{ id, kind, title, path, data | error }] }`. */
export async function GET(request: Request, { params }: { params: Promise<{ collection: string; id: string }> }) {
  return handle(request, 'read', async (ctx) => {
    const { collection, id } = await params;
    if (collectionFrom(collection).id !== 'boards') throw notFound(`${collection} rows have no /data: only boards do`);
    return json(await loadBoard(ctx.atlas, id, new URL(request.url).searchParams, restrictedTo(ctx)));
  });
}
