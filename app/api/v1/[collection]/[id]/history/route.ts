import { historyOf } from '@/db/changes';
import { assertVisible } from '@/db/ownership';
import { getRow } from '@/db/rows';
import { collectionFrom, handle, json, restrictedTo } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ collection: string; id: string }> }) {
  return handle(request, 'read', async (ctx) => {
    const { collection: name, id } = await params;
    const collection = collectionFrom(name);
    const row = collection.ownership ? await getRow(ctx.atlas, collection, id) : null;
    if (row) assertVisible(collection, row, restrictedTo(ctx));
    return json({ rows: await historyOf(ctx.atlas.db, collection.id, id) });
  });
}
