import 'server-only';
import { Zip, ZipDeflate } from 'fflate';
import type { Atlas } from '@/db/connection';
import { exportRows } from '@/db/export';
import { chartTable, indicatorTable, metricTable, readmeText, tileFileName, type PlainTable, type ReadmeTile } from '@/lib/boards/export';
import { COLLECTION_IDS, getCollection } from '@/lib/collections';
import type { Column } from '@/lib/collections/types';
import { BOM, csvHeader, csvLines, plainCsv } from '@/lib/csv/write';
import { hrefOf, tableView } from '@/lib/query/view-state';
import { parseAppPath } from '@/lib/shares/app-path';
import { loadBoard, type BoardData, type BoardTileResult } from '../../_views/board';

// GET /api/v1/boards/{id}/export.zip: one CSV per tile that holds data plus README.txt, streamed as a zip
// (fflate, deflate level 6) while the rows are read, so a board of large tables never sits in memory whole.

/** Rows a table tile's file holds at most; README.txt says when a view holds more. */
export const BOARD_ZIP_MAX_ROWS = 100_000;

interface Planned {
  readme: ReadmeTile;
  /** The file's text chunks (tables stream theirs from the database). */
  chunks: () => AsyncGenerator<string>;
}

const encoder = new TextEncoder();

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

const small = (table: PlainTable) => () => once(BOM + plainCsv(table.header, table.rows));

/** Every row of a table tile's effective view (at most `max`), with the columns the tile shows, in the CSV export's format. */
function tableChunks(atlas: Atlas, path: string, max: number): () => AsyncGenerator<string> {
  return async function* () {
    const view = parseAppPath(path, COLLECTION_IDS);
    if (view.target.kind !== 'table') return;
    const collection = getCollection(view.target.collection);
    const state = tableView.parse(view.params, collection);
    const columns = tableView.visibleColumns(state).map((id) => collection.columns.find((c) => c.id === id)).filter((c): c is Column => Boolean(c));
    yield BOM + csvHeader(columns);
    let written = 0;
    for await (const rows of exportRows(atlas, state.spec, columns, (chunk) => chunk)) {
      const kept = rows.slice(0, max - written);
      written += kept.length;
      yield csvLines(columns, kept);
      if (written >= max) break;
    }
  };
}

function plan(atlas: Atlas, tile: BoardTileResult, index: number, max: number): Planned {
  const readme: ReadmeTile = { index, id: tile.id, kind: tile.kind, title: tile.title, path: tile.path, applied: tile.applied, ignored: tile.ignored, file: null, rows: null, capped: null, error: tile.error?.message ?? null };
  const none: Planned = { readme, chunks: () => once('') };
  if (tile.error || tile.kind === 'note') return none;
  const file = tileFileName(index, tile.id);
  if (tile.kind === 'table' && tile.path) {
    const total = Number((tile.data as { total?: number }).total ?? 0);
    return { readme: { ...readme, file, rows: Math.min(total, max), capped: total > max ? { total, max } : null }, chunks: tableChunks(atlas, tile.path, max) };
  }
  const table = tile.kind === 'chart' ? chartTable(tile.data) : tile.kind === 'metric' ? metricTable(tile.data) : indicatorTable(tile.data);
  return { readme: { ...readme, file, rows: table.rows.length }, chunks: small(table) };
}

/** The zip's bytes, chunk by chunk: README.txt first, then each tile's file in board order. */
async function* zipBytes(files: { name: string; chunks: () => AsyncGenerator<string> }[], mtime: Date): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else out.push(data);
  });
  const drain = function* () {
    if (failure) throw failure;
    while (out.length) yield out.shift() as Uint8Array;
  };
  for (const { name, chunks } of files) {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    for await (const text of chunks()) {
      if (text) entry.push(encoder.encode(text));
      yield* drain();
    }
    entry.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

const safeName = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);

/**
 * The board's zip for the filters in `params` (404 for a board this user may not see, 400 for a bad filter,
 * both before any byte is sent). `max` caps the rows of each table file.
 */
export async function boardZip(atlas: Atlas, id: string, params: URLSearchParams, restrictedTo: string | undefined, max = BOARD_ZIP_MAX_ROWS): Promise<{ data: BoardData; filename: string; stream: AsyncGenerator<Uint8Array> }> {
  const data = await loadBoard(atlas, id, params, restrictedTo);
  const asOf = new Date();
  const planned = data.tiles.map((tile, i) => plan(atlas, tile, i, max));
  const readme = readmeText({
    board: data.board,
    filters: data.filters,
    asOf: asOf.toISOString(),
    url: hrefOf(`/boards/${encodeURIComponent(data.board.id)}`, params),
    tiles: planned.map((p) => p.readme),
  });
  const files = [
    { name: 'README.txt', chunks: () => once(readme) },
    ...planned.filter((p) => p.readme.file).map((p) => ({ name: p.readme.file as string, chunks: p.chunks })),
  ];
  return { data, filename: `board-${safeName(data.board.id)}-${asOf.toISOString().slice(0, 10)}.zip`, stream: zipBytes(files, asOf) };
}

export async function boardZipResponse(atlas: Atlas, id: string, params: URLSearchParams, restrictedTo: string | undefined): Promise<Response> {
  const { filename, stream } = await boardZip(atlas, id, params, restrictedTo);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await stream.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        console.error(error);
        controller.error(error);
      }
    },
    async cancel() {
      await stream.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
}
