import { z } from 'zod';
import { METRICS } from '../concentration/report';
import { GRID_COLUMNS, MAX_HEIGHT, MAX_ROW, MAX_TILES } from './grid';

// The kinds of board tile, as data: each kind's fields (its JSON schema), the views its `path` may name and
// the board filters it can take. Loading and rendering live beside the board page (app/boards/_kinds), one
// file per kind registered in its index; this file is the half that validation and the API need.

export { GRID_COLUMNS, MAX_HEIGHT, MAX_ROW, MAX_TILES };
export const MAX_TABLE_ROWS = 50;

/** Charts a `chart` tile can show, by the view its path names. */
export const CHARTS = {
  concentration: ['shares', 'lorenz', 'hhi-series'],
  home: ['funding-by-layer', 'funding-by-region'],
  compare: ['compare'],
} as const;
export type ChartName = (typeof CHARTS)[keyof typeof CHARTS][number];
const CHART_NAMES = Object.values(CHARTS).flat() as ChartName[];

const idField = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, "-" or "_"');
const titleField = z.string().trim().min(1, 'must not be empty').max(200, 'is longer than 200 characters');
const noteText = z.string().max(20_000, 'is longer than 20,000 characters');
const pathField = z.string().min(1, 'must not be empty').max(2000, 'is longer than 2000 characters');
const cell = (max: number) => z.number().int('must be a whole number').min(0, 'must be 0 or more').max(max, `must be at most ${max}`);
const span = (max: number) => z.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

const placement = {
  id: idField,
  title: titleField.optional(),
  /** The title in Chinese; a Chinese reader sees `title` when it is missing. */
  title_zh: titleField.optional(),
  x: cell(GRID_COLUMNS - 1),
  y: cell(MAX_ROW),
  w: span(GRID_COLUMNS),
  h: span(MAX_HEIGHT),
};

export const tileSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ ...placement, kind: z.literal('table'), path: pathField, rows: span(MAX_TABLE_ROWS).optional() }).strict(),
    z.object({ ...placement, kind: z.literal('chart'), path: pathField, chart: z.enum(CHART_NAMES) }).strict(),
    z.object({ ...placement, kind: z.literal('metric'), path: pathField, metric: z.enum(METRICS) }).strict(),
    z.object({ ...placement, kind: z.literal('indicator'), hypothesis_id: idField }).strict(),
    z.object({ ...placement, kind: z.literal('note'), text: noteText, text_zh: noteText.optional() }).strict(),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'kind must be one of table, chart, metric, indicator, note' : undefined) },
);

export type Tile = z.infer<typeof tileSchema>;
export type TileKind = Tile['kind'];
export const TILE_KINDS: readonly TileKind[] = ['table', 'chart', 'metric', 'indicator', 'note'];
export type PathTile = Extract<Tile, { path: string }>;

export const hasPath = (tile: Tile): tile is PathTile => 'path' in tile;

export const tilesSchema = z.array(tileSchema).max(MAX_TILES, `a board holds at most ${MAX_TILES} tiles`);

/** A stored or written `tiles` value (JSON text or parsed), or none when it is not of a valid shape (the schema says why). */
export function tilesOf(value: unknown): Tile[] {
  let raw = value ?? [];
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  const parsed = tilesSchema.safeParse(raw);
  return parsed.success ? parsed.data : [];
}

/** The view kinds a tile's path may name, by tile kind (hypotheses are named by id, notes name none). */
export const PATH_VIEWS: Readonly<Record<PathTile['kind'], readonly string[]>> = {
  table: ['table'],
  chart: ['concentration', 'home', 'compare'],
  metric: ['concentration'],
};
