import { marketMap } from '@/db/market-map';
import { parseMarketMapQuery } from '@/lib/analysis/params';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/v1/market-map: companies by layer and vertical with their disclosed funding (docs/API.md). */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => json(await marketMap(atlas, parseMarketMapQuery(new URL(request.url).searchParams))));
}
