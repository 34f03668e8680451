import type { BoardFilters } from './filters';
import type { TileKind } from './kinds';

// "Download data" of a board (GET /api/v1/boards/{id}/export.zip): the file each tile's data goes to, the
// table a chart, figure or indicator tile becomes, and the README.txt that says what is where. Pure: the
// route (app/api/_lib/board-export.ts) loads the board and streams the zip.

export type Cell = string | number | boolean | null;

/** A small table: a header row and rows of cells (a chart's points, a figure, an indicator's trend). */
export interface PlainTable {
  header: string[];
  rows: Cell[][];
}

/** `03-rounds.csv`: the tile's place on the board, then its id (ids are `A-Za-z0-9_-` already). */
export const tileFileName = (index: number, tileId: string): string => `${String(index + 1).padStart(2, '0')}-${tileId}.csv`;

const obj = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const cell = (value: unknown): Cell => (value === undefined || value === null ? null : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : JSON.stringify(value));
const pick = (row: unknown, keys: readonly string[]): Cell[] => keys.map((key) => cell(obj(row)[key]));

function shares(data: Record<string, unknown>): PlainTable {
  const header = ['rank', 'id', 'name', 'name_zh', 'value', 'share_pct', 'firms'];
  return { header, rows: list(obj(data.report).shares).map((s, i) => [i + 1, ...pick(s, ['id', 'name', 'name_zh', 'value', 'share', 'count'])]) };
}

function lorenz(data: Record<string, unknown>): PlainTable {
  return { header: ['firms_cum_pct', 'value_cum_pct'], rows: list(obj(data.report).lorenz).map((p) => [cell(list(p)[0]), cell(list(p)[1])]) };
}

function compare(data: Record<string, unknown>): PlainTable {
  const comparison = obj(data.comparison);
  const header = ['scenario_id', 'kind', 'title', 'probability_pct', 'hhi', 'cr4', 'cr1', 'equivalent_firms', 'n', 'band', 'today_hhi', 'today_cr4'];
  const rows: Cell[][] = list(comparison.scenarios).map((s) => {
    const row = obj(obj(s).row);
    const outcome = obj(obj(s).outcome);
    const measures = obj(outcome.scenario);
    const today = obj(outcome.today);
    return [...pick(row, ['id', 'kind', 'title', 'probability']), ...pick(measures, ['hhi', 'cr4', 'cr1', 'equivalentFirms', 'n', 'band']), cell(today.hhi), cell(today.cr4)];
  });
  const expected = obj(comparison.expectation);
  if (rows.length) rows.push(['expected', 'probability-weighted', null, cell(expected.probabilityTotal), cell(expected.hhi), cell(expected.cr4), null, null, null, null, null, null]);
  return { header, rows };
}

/** The data points of a chart tile, by chart (the loaders' shapes in app/boards/_kinds/loaders.ts). */
export function chartTable(raw: unknown): PlainTable {
  const data = obj(raw);
  switch (data.chart) {
    case 'shares':
      return shares(data);
    case 'lorenz':
      return lorenz(data);
    case 'hhi-series':
      return { header: ['period', 'hhi', 'cr4_pct', 'n', 'total', 'excluded', 'band'], rows: list(obj(data.series).points).map((p) => pick(p, ['period', 'hhi', 'cr4', 'n', 'total', 'excluded', 'band'])) };
    case 'funding-by-layer':
      return { header: ['quarter', 'layer', 'total_usd', 'rounds'], rows: list(data.quarters).map((q) => pick(q, ['period', 'layer', 'total', 'rounds'])) };
    case 'funding-by-region':
      return { header: ['year', 'region', 'total_usd', 'rounds'], rows: list(data.regions).map((r) => pick(r, ['period', 'region', 'total', 'rounds'])) };
    case 'compare':
      return compare(data);
    default:
      return { header: ['chart'], rows: [] };
  }
}

export function metricTable(raw: unknown): PlainTable {
  const data = obj(raw);
  const window = obj(data.window);
  const before = obj(data.comparison);
  return {
    header: ['metric', 'value', 'band', 'n', 'from', 'to', 'previous_from', 'previous_to', 'previous_value', 'change'],
    rows: [[cell(data.metric), cell(data.value), cell(data.band), cell(data.n), cell(window.from), cell(window.to), cell(before.from), cell(before.to), cell(before.value), cell(before.change)]],
  };
}

/** An indicator's trend, one row per period, then its current reading (period "current"). */
export function indicatorTable(raw: unknown): PlainTable {
  const data = obj(raw);
  const hypothesis = obj(data.hypothesis);
  const evaluation = obj(data.evaluation);
  const reading = obj(evaluation.reading);
  const head = [cell(hypothesis.id), cell(hypothesis.code)];
  const metric = cell(reading.metric);
  const rows: Cell[][] = list(evaluation.trend).map((p) => [...head, metric, ...pick(p, ['period', 'value']), cell(reading.threshold), cell(reading.direction), ...pick(p, ['met', 'n'])]);
  if (evaluation.kind === 'ok') rows.push([...head, metric, 'current', cell(reading.value), cell(reading.threshold), cell(reading.direction), cell(reading.met), cell(evaluation.n)]);
  return { header: ['hypothesis_id', 'code', 'metric', 'period', 'value', 'threshold', 'direction', 'met', 'n'], rows };
}

/** What README.txt says of one tile. */
export interface ReadmeTile {
  index: number;
  id: string;
  kind: TileKind;
  title: string | null;
  /** The tile's view with the board's filters merged in (null for notes and indicators). */
  path: string | null;
  applied: readonly string[];
  ignored: readonly string[];
  file: string | null;
  /** Rows written to the file (tables: the view's rows, at most the cap). */
  rows: number | null;
  /** The view holds more rows than were written. */
  capped: { total: number; max: number } | null;
  error: string | null;
}

export interface ReadmeInput {
  board: { id: string; title: string; title_zh: string | null };
  filters: BoardFilters;
  asOf: string;
  /** The board's URL with the export's filters (`/boards/b1?layer=foundation`). */
  url: string;
  tiles: ReadmeTile[];
}

const describeFilters = (filters: BoardFilters) =>
  Object.entries(filters)
    .map(([key, value]) => `${key} = ${value}`)
    .join('; ') || 'none';

function tileLines(tile: ReadmeTile): string[] {
  const lines = [`${String(tile.index + 1).padStart(2, '0')}. ${tile.title ?? `(untitled ${tile.kind})`} — ${tile.kind} tile "${tile.id}"`];
  if (tile.path) lines.push(`    view: ${tile.path}`);
  if (tile.applied.length || tile.ignored.length) lines.push(`    board filters taken: ${tile.applied.join(', ') || 'none'}; ignored: ${tile.ignored.join(', ') || 'none'}`);
  if (tile.error) lines.push(`    no file: the tile could not be loaded (${tile.error})`);
  else if (tile.file) lines.push(`    file: ${tile.file}${tile.rows === null ? '' : ` (${tile.rows.toLocaleString('en')} ${tile.rows === 1 ? 'row' : 'rows'})`}`);
  else lines.push('    no file: a note holds no data');
  if (tile.capped) lines.push(`    capped: the view holds ${tile.capped.total.toLocaleString('en')} rows; the first ${tile.capped.max.toLocaleString('en')} in its order are in the file (open the view for all of them)`);
  return lines;
}

/** README.txt: the board, the filters in force, the as-of time, and each tile's title, kind, view and file. */
export function readmeText(input: ReadmeInput): string {
  const { board } = input;
  const lines = [
    `AIGC Atlas board: ${board.title}${board.title_zh ? ` / ${board.title_zh}` : ''}`,
    `Board id: ${board.id}`,
    `Board URL: ${input.url}`,
    `Filters in force: ${describeFilters(input.filters)}`,
    `Data as of: ${input.asOf}`,
    '',
    'One CSV file per tile that holds data (tables, charts, figures, indicators), named <place>-<tile id>.csv.',
    'CSV files are UTF-8 with a byte-order mark and CRLF line ends; a text cell that could start a spreadsheet',
    "formula (= + - @) begins with an apostrophe ('), as in every export of the Atlas. Table files hold every row of",
    "the tile's view (not only the rows the tile shows), with the columns the tile shows, in the view's order.",
    '',
    'Tiles:',
    ...input.tiles.flatMap(tileLines),
    '',
  ];
  return lines.join('\r\n');
}
