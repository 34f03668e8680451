import { recentChanges } from '@/db/changes';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET() {
  return handle(async (atlas) => json({ rows: await recentChanges(atlas.db, 200) }));
}
