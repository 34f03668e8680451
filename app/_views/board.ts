import 'server-only';
import { forConcurrentReads, type Atlas } from '@/db/connection';
import { assertVisible } from '@/db/ownership';
import { getRow } from '@/db/rows';
import { effectiveFilters, mergeBoardFilters, parseBoardFilters, type BoardFilter, type BoardFilters } from '@/lib/boards/filters';
import { hasPath, tilesSchema, type Tile, type TileKind } from '@/lib/boards/kinds';
import { parseTilePath } from '@/lib/boards/validate';
import { getCollection, REGISTRY } from '@/lib/collections';
import { ApiError, notFound } from '@/lib/errors';
import { hrefOf } from '@/lib/query/view-state';
import { loadTileData, type TileInput } from '../boards/_kinds/loaders';

// A board with every tile's data (GET /api/v1/boards/{id}/data, the board page, its share links). Tiles load
// concurrently — on SQLite in the read pool's threads (docs/decisions/028-board-tiles-in-worker-threads.md); one that
// fails carries its error and the others still show.

export interface BoardTileResult {
  id: string;
  kind: TileKind;
  title: string | null;
  title_zh: string | null;
  /** The tile's view with the board's filters merged in (what "open the full view" links to). */
  path: string | null;
  applied: BoardFilter[];
  ignored: BoardFilter[];
  data?: unknown;
  error?: { code: string; message: string };
}

export interface BoardRecord {
  id: string;
  title: string;
  title_zh: string | null;
  description: string | null;
  description_zh: string | null;
  visibility: 'private' | 'team';
  owner: string;
  version: number;
  filters: BoardFilters;
  tiles: Tile[];
  updated_at: string;
}

export interface BoardData {
  board: BoardRecord;
  filters: BoardFilters;
  tiles: BoardTileResult[];
}

/** The board row as its page and API show it; 404 when missing or hidden from this user. */
export async function boardRecord(atlas: Atlas, id: string, restrictedTo?: string): Promise<BoardRecord> {
  const collection = getCollection('boards');
  const row = await getRow(atlas, collection, id);
  if (!row) throw notFound(`no board with id "${id.slice(0, 120)}"`);
  assertVisible(collection, row, restrictedTo);
  const tiles = tilesSchema.safeParse(row.tiles);
  return {
    id: row.id,
    title: String(row.title),
    title_zh: (row.title_zh as string | null) ?? null,
    description: (row.description as string | null) ?? null,
    description_zh: (row.description_zh as string | null) ?? null,
    visibility: row.visibility === 'team' ? 'team' : 'private',
    owner: String(row.owner ?? ''),
    version: Number(row.version ?? 1),
    filters: (row.filters as BoardFilters | null) ?? {},
    tiles: tiles.success ? tiles.data : [],
    updated_at: String(row.updated_at),
  };
}

const errorOf = (error: unknown) => {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  console.error(error);
  return { code: 'internal', message: 'this tile could not be loaded' };
};

/** A tile's view with the board's filters merged in; a tile without a path takes no filter (a note shows none). */
function placeTile(tile: Tile, filters: BoardFilters): { input: TileInput; path: string | null; applied: BoardFilter[]; ignored: BoardFilter[] } {
  if (!hasPath(tile)) {
    const ignored = tile.kind === 'note' ? [] : (Object.keys(filters) as BoardFilter[]);
    return { input: { tile, params: new URLSearchParams() }, path: null, applied: [], ignored };
  }
  const view = parseTilePath(tile, REGISTRY);
  const merged = mergeBoardFilters(view.target, view.params, filters, view.collection);
  return { input: { tile, params: merged.params, collection: view.collection }, path: hrefOf(view.path.split('?')[0], merged.params), applied: merged.applied, ignored: merged.ignored };
}

async function loadTile(atlas: Atlas, tile: Tile, filters: BoardFilters): Promise<BoardTileResult> {
  const head = { id: tile.id, kind: tile.kind, title: tile.title ?? null, title_zh: tile.title_zh ?? null };
  let placed: ReturnType<typeof placeTile>;
  try {
    placed = placeTile(tile, filters);
  } catch (error) {
    return { ...head, path: hasPath(tile) ? tile.path : null, applied: [], ignored: [], error: errorOf(error) };
  }
  const { input, ...where } = placed;
  try {
    return { ...head, ...where, data: await loadTileData(atlas, input) };
  } catch (error) {
    return { ...head, ...where, error: errorOf(error) };
  }
}

/** Everything a board shows for its URL's filters (`params`): a 400 for an unknown or malformed filter. */
export async function loadBoard(atlas: Atlas, id: string, params: URLSearchParams, restrictedTo?: string): Promise<BoardData> {
  const url = parseBoardFilters(params);
  const board = await boardRecord(atlas, id, restrictedTo);
  const filters = effectiveFilters(board.filters, url);
  const reads = forConcurrentReads(atlas);
  const tiles = await Promise.all(board.tiles.map((tile) => loadTile(reads, tile, filters)));
  return { board, filters, tiles };
}
