import { historyOf } from '@/db/changes';
import { collectionFrom, handle, json } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ collection: string; id: string }> }) {
  return handle(request, 'read', async ({ atlas }) => {
    const { collection, id } = await params;
    return json({ rows: await historyOf(atlas.db, collectionFrom(collection).id, id) });
  });
}
