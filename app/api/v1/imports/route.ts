import { listBatches } from '@/db/imports';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => json({ rows: await listBatches(atlas.db) }));
}
