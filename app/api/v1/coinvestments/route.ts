import { coInvestments } from '@/db/coinvestments';
import { parseNetworkQuery } from '@/lib/analysis/params';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/v1/coinvestments: investors that took part in the same rounds, pairs counted in SQL (docs/API.md). */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => json(await coInvestments(atlas, parseNetworkQuery(new URL(request.url).searchParams))));
}
