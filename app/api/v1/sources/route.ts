import { sourcesReport } from '@/db/sources';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** The JSON twin of /sources: source domains with their row and confidence counts, and the disputed figures. */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => json(await sourcesReport(atlas)));
}
