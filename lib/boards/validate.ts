import type { Collection, CollectionLookup } from '../collections/types';
import { ApiError, type ErrorIssue } from '../errors';
import { parseQuery } from '../query/parse';
import { parseConcentrationQuery } from '../concentration/params';
import { parseCompareParams } from '../scenarios/compare';
import { parseAppPath, type AppPath } from '../shares/app-path';
import { overlaps } from './grid';
import { CHARTS, GRID_COLUMNS, hasPath, PATH_VIEWS, type PathTile, type Tile } from './kinds';

// Rules of a board's tiles beyond their JSON shape: inside the grid, no overlaps, ids unique, and every path a
// view of this app that its page would accept. Pure; the registry passes the collections in.

/** The view a tile's path names, parsed as its page would parse it; throws a 400 naming the parameter. */
export function parseTilePath(tile: PathTile, registry: CollectionLookup): AppPath & { collection?: Collection } {
  const view = parseAppPath(tile.path, registry.ids);
  const allowed = PATH_VIEWS[tile.kind];
  if (!allowed.includes(view.target.kind)) {
    throw new ApiError(400, `a ${tile.kind} tile shows ${allowed.join(' or ')} views, not "${view.path.split('?')[0].slice(0, 80)}"`, { param: 'path' });
  }
  const params = view.params;
  switch (view.target.kind) {
    case 'table': {
      const collection = registry.find(view.target.collection);
      if (!collection || collection.id === 'boards') throw new ApiError(400, `"${view.target.collection}" is not a table a tile can show`, { param: 'path' });
      parseQuery(collection, params, { extra: ['columns'] });
      return { ...view, collection };
    }
    case 'concentration':
      parseConcentrationQuery(params, { extra: CONCENTRATION_PAGE_ONLY });
      break;
    case 'compare':
      parseCompareParams(params);
      break;
    case 'home': {
      const extra = [...params.keys()][0];
      if (extra !== undefined) throw new ApiError(400, `the dashboard's charts take no parameter ("${extra.slice(0, 40)}")`, { param: extra });
      break;
    }
  }
  if (tile.kind === 'chart') {
    const charts = CHARTS[view.target.kind as keyof typeof CHARTS] as readonly string[];
    if (!charts.includes(tile.chart)) throw new ApiError(400, `chart "${tile.chart}" is not one of ${view.target.kind}'s charts: ${charts.join(', ')}`, { param: 'chart' });
  }
  return view;
}

/** /concentration's page-only parameters (the merger picker): the view accepts them, the measures ignore them. */
const CONCENTRATION_PAGE_ONLY = ['mergeA', 'mergeB'] as const;

/** Every problem of a list of tiles (already of a valid shape), each naming the tile and field. */
export function tileIssues(tiles: readonly Tile[], registry: CollectionLookup): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const seen = new Set<string>();
  tiles.forEach((tile, i) => {
    const at = `tiles.${i}`;
    const name = `tile "${tile.id}"`;
    if (seen.has(tile.id)) issues.push({ path: `${at}.id`, message: `${name}: another tile has the same id` });
    seen.add(tile.id);
    if (tile.x + tile.w > GRID_COLUMNS) issues.push({ path: `${at}.w`, message: `${name} runs past the grid's ${GRID_COLUMNS} columns (x + w = ${tile.x + tile.w})` });
    const other = tiles.slice(0, i).find((t) => overlaps(t, tile));
    if (other) issues.push({ path: `${at}.y`, message: `${name} overlaps tile "${other.id}"` });
    if (!hasPath(tile)) return;
    try {
      parseTilePath(tile, registry);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const param = error.details.param;
      const field = param === 'chart' ? 'chart' : 'path';
      const where = param && param !== 'path' && param !== 'chart' ? ` (parameter "${param}")` : '';
      issues.push({ path: `${at}.${field}`, message: `${name}${where}: ${error.message}` });
    }
  });
  return issues;
}
