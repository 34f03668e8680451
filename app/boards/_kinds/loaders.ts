import 'server-only';
import { concentrationReport, concentrationSeriesReport } from '@/db/concentration';
import type { Atlas } from '@/db/connection';
import { fundingByQuarterAndLayer, fundingByYearAndRegion } from '@/db/dashboard';
import { evaluateIndicator } from '@/db/indicators';
import { getRow, listRows } from '@/db/rows';
import type { ChartName, Tile, TileKind } from '@/lib/boards/kinds';
import { getCollection } from '@/lib/collections';
import type { Collection } from '@/lib/collections/types';
import { classifyHhi, metricOf, parseConcentrationQuery, type Metric } from '@/lib/concentration';
import { notFound } from '@/lib/errors';
import { concentrationView, hrefOf, tableView } from '@/lib/query/view-state';
import { loadCompare } from '../../_views/compare';

// How each kind of tile gets its data, given the view parameters with the board's filters merged in. The
// other halves of a kind: its fields in lib/boards/kinds.ts, its look in ./renderers.tsx.

export interface TileInput<K extends TileKind = TileKind> {
  tile: Extract<Tile, { kind: K }>;
  /** The view's parameters after the board's filters (tiles with a path). */
  params: URLSearchParams;
  collection?: Collection;
}

type Loader<K extends TileKind> = (atlas: Atlas, input: TileInput<K>) => Promise<unknown>;

const DEFAULT_TABLE_ROWS = 10;

async function loadTableTile(atlas: Atlas, { tile, params, collection }: TileInput<'table'>) {
  if (!collection) throw notFound('the tile names no table');
  const state = tableView.parse(params, collection);
  const spec = { ...state.spec, page: 1, pageSize: tile.rows ?? DEFAULT_TABLE_ROWS };
  const page = await listRows(atlas, spec);
  return { collection: collection.id, columns: tableView.visibleColumns(state), rows: page.rows, total: page.total, sort: { column: spec.sort.column.id, order: spec.sort.order } };
}

const concentrationQuery = (params: URLSearchParams) => concentrationView.parse(params).query;

/** Firms a shares or Lorenz tile names. The report is asked for no more (at 100,000 firms the rest cost time). */
const CHART_SHARES = 12;
/** A metric tile names no firm: every firm goes into the report's "others" row, the measures are the same. */
const NO_SHARES = 0;

async function loadChartTile(atlas: Atlas, { tile, params }: TileInput<'chart'>) {
  const chart: ChartName = tile.chart;
  switch (chart) {
    case 'shares':
    case 'lorenz': {
      const query = concentrationQuery(params);
      const report = await concentrationReport(atlas, query, Math.min(query.top ?? CHART_SHARES, CHART_SHARES));
      return { chart, report: { ...report, shares: report.shares.slice(0, CHART_SHARES) } };
    }
    case 'hhi-series':
      return { chart, series: await concentrationSeriesReport(atlas, concentrationQuery(params)) };
    case 'funding-by-layer':
      return { chart, quarters: await fundingByQuarterAndLayer(atlas) };
    case 'funding-by-region':
      return { chart, regions: await fundingByYearAndRegion(atlas) };
    case 'compare': {
      const { comparison, chosen, error } = await loadCompare(atlas, params);
      return { chart, comparison, chosen, error };
    }
  }
}

/** The window of the same length just before [from, to] (whole years), or null without both ends. */
function previousWindow(from: string | null, to: string | null): { from: string; to: string } | null {
  if (!from || !to) return null;
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
  const shift = (date: string) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
  return { from: shift(from), to: shift(to) };
}

async function loadMetricTile(atlas: Atlas, { tile, params }: TileInput<'metric'>) {
  const query = concentrationQuery(params);
  const report = await concentrationReport(atlas, query, NO_SHARES);
  const value = metricOf(report, tile.metric as Metric);
  const window = previousWindow(query.from, query.to);
  let previous: number | null = null;
  if (window) {
    const before = new URLSearchParams(params);
    before.set('from', window.from);
    before.set('to', window.to);
    previous = metricOf(await concentrationReport(atlas, parseConcentrationQuery(before, { extra: ['mergeA', 'mergeB'] }), NO_SHARES), tile.metric as Metric);
  }
  return {
    metric: tile.metric,
    value,
    band: tile.metric === 'hhi' && value !== null ? classifyHhi(value, query.guidelines) : null,
    n: report.n,
    window: { from: query.from, to: query.to },
    comparison: window ? { ...window, value: previous, change: value !== null && previous !== null ? value - previous : null } : null,
    href: hrefOf('/concentration', concentrationView.format({ query, mergeA: null, mergeB: null })),
  };
}

async function loadIndicatorTile(atlas: Atlas, { tile }: TileInput<'indicator'>) {
  const row = await getRow(atlas, getCollection('hypotheses'), tile.hypothesis_id);
  if (!row) throw notFound(`there is no hypothesis "${tile.hypothesis_id}"`);
  const evaluation = await evaluateIndicator(atlas, row.indicator);
  return { hypothesis: { id: row.id, code: row.code, title: row.title, title_zh: row.title_zh, status: row.status }, evaluation };
}

export const TILE_LOADERS: { [K in TileKind]: Loader<K> } = {
  table: loadTableTile,
  chart: loadChartTile,
  metric: loadMetricTile,
  indicator: loadIndicatorTile,
  note: async (_atlas, { tile }) => ({ text: tile.text, text_zh: tile.text_zh ?? null }),
};

/** One tile's data, by its kind's loader. */
export function loadTileData(atlas: Atlas, input: TileInput): Promise<unknown> {
  const load = TILE_LOADERS[input.tile.kind] as Loader<TileKind>;
  return load(atlas, input);
}

/** What each kind's loader gives its renderer (./renderers.tsx), as it comes out of JSON (share snapshots). */
export interface TileDataOf {
  table: Awaited<ReturnType<typeof loadTableTile>>;
  chart: Awaited<ReturnType<typeof loadChartTile>>;
  metric: Awaited<ReturnType<typeof loadMetricTile>>;
  indicator: Awaited<ReturnType<typeof loadIndicatorTile>>;
  note: { text: string; text_zh: string | null };
}
