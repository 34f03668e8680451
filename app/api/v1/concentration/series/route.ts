import { concentrationSeriesReport } from '@/db/concentration';
import { parseConcentrationQuery } from '@/lib/concentration';
import { handle, json } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => {
    const query = parseConcentrationQuery(new URL(request.url).searchParams);
    return json(await concentrationSeriesReport(atlas, query));
  });
}
