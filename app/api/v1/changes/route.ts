import { recentChanges } from '@/db/changes';
import { visibleChanges } from '@/db/ownership';
import { handle, json, restrictedTo } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return handle(request, 'read', async (ctx) => json({ rows: visibleChanges(await recentChanges(ctx.atlas.db, 200), restrictedTo(ctx)) }));
}
