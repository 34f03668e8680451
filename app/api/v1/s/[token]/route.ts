import { recordView } from '@/db/shares';
import { ApiError } from '@/lib/errors';
import type { BoardData } from '../../../../_views/board';
import type { TableData } from '../../../../_views/table';
import { handle, json } from '../../../_lib/respond';
import { activeShare, dataOf, shareViewLimited, tableCsv } from '../../../_lib/shares';

export const dynamic = 'force-dynamic';

/**
 * A shared view's data: `GET /api/v1/s/<token>` → `{ path, mode, title, asOf, dataHash, rows, total }` for a
 * table, `{ …, result }` for the other views; `GET /api/v1/s/<token>.csv` → the table's CSV when the link
 * allows it. 404 unknown token, 410 revoked or expired; 429 with Retry-After past ATLAS_SHARE_RATE views a
 * minute from one client address.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(request, 'public', async ({ atlas }) => {
    const limited = await shareViewLimited(atlas, request);
    if (limited) return limited;
    const segment = (await params).token;
    const wantsCsv = segment.endsWith('.csv');
    const token = wantsCsv ? segment.slice(0, -4) : segment;
    const link = await activeShare(atlas, token);
    const { share, data, hash, asOf, csv } = await dataOf(atlas, link);
    await recordView(atlas.db, token);
    if (wantsCsv) {
      if (share.target.kind !== 'table') throw new ApiError(404, 'only table views have a CSV download');
      if (!link.allowCsv) throw new ApiError(403, 'the creator of this link did not allow CSV download');
      if (csv !== null) {
        return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${share.target.collection}-snapshot.csv"`, 'Cache-Control': 'no-store' } });
      }
      return tableCsv(atlas, new URL(request.url).origin, share, data as TableData);
    }
    const head = { path: link.path, mode: link.mode, title: link.title, asOf, dataHash: hash, expiresAt: link.expiresAt };
    if (share.target.kind === 'table') {
      const { page } = data as TableData;
      return json({ ...head, rows: page.rows, total: page.total, page: page.page, pageSize: page.pageSize, ...(page.fx ? { fx: page.fx } : {}) });
    }
    if (share.target.kind === 'board') return json({ ...head, ...(data as BoardData) });
    return json({ ...head, result: data });
  });
}
