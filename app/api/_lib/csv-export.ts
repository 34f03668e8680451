import 'server-only';
import type { Atlas } from '@/db/connection';
import { exportRows } from '@/db/export';
import { displayFxOf } from '@/db/fx';
import { BOM, csvHeader, csvLines, exportColumns } from '@/lib/csv/write';
import { csvColumnsIn } from '@/lib/fx/csv';
import { parseQuery } from '@/lib/query/parse';
import { collectionFrom } from './respond';

// GET /api/v1/{collection}.csv: every row of the view (filters and sort as in the list API, no paging),
// streamed chunk by chunk as UTF-8 with a BOM (so Excel reads Chinese correctly) and CRLF line ends.

function download(collectionId: string): string {
  return `attachment; filename="${collectionId}-${new Date().toISOString().slice(0, 10)}.csv"`;
}

export async function exportCsv(request: Request, segment: string, atlas: Atlas, visibleTo?: string): Promise<Response> {
  const collection = collectionFrom(segment.slice(0, -'.csv'.length));
  const params = new URL(request.url).searchParams;
  const spec = { ...parseQuery(collection, params, { extra: ['columns'] }), visibleTo };
  const columns = exportColumns(collection, params.get('columns'));
  // `currency=CNY`: money columns headed `amount_usd (CNY)` in CNY at each row's year, and each row's rate.
  const display = await displayFxOf(atlas.db, spec.currency);
  const shown = csvColumnsIn(columns, display);
  const encoder = new TextEncoder();
  const rows = exportRows(atlas, spec, columns, (chunk) => encoder.encode(shown ? csvLines(shown.columns, chunk.map(shown.row)) : csvLines(columns, chunk)), 256, display);
  // The first chunk is read before answering, so that a failing query is still a proper error response.
  let next: IteratorResult<Uint8Array> | null = await rows.next();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvHeader(shown?.columns ?? columns)));
    },
    async pull(controller) {
      try {
        next ??= await rows.next();
        if (next.done) return controller.close();
        controller.enqueue(next.value);
        next = null;
      } catch (error) {
        console.error(error);
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': download(collection.id), 'Cache-Control': 'no-store' },
  });
}
