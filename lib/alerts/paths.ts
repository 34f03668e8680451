import type { Collection, CollectionLookup } from '../collections/types';
import { parseConcentrationQuery } from '../concentration/params';
import { ApiError, type ErrorIssue } from '../errors';
import { parseQuery } from '../query/parse';
import { parseAppPath } from '../shares/app-path';

// The views an alert rule or a follow names, parsed as their pages parse them (as board tiles' paths are).

/** Collections whose rows are no market data: a rule or a follow cannot watch them. */
export const UNWATCHED = ['boards', 'alerts'];

/** A table view's path → its collection and filter parameters; throws a 400 naming the parameter. */
export function parseTablePath(path: string, registry: CollectionLookup, param = 'path'): { collection: Collection; params: URLSearchParams; path: string } {
  const view = parseAppPath(path, registry.ids, param);
  const collection = view.target.kind === 'table' ? registry.find(view.target.collection) : undefined;
  if (!collection || UNWATCHED.includes(collection.id)) throw new ApiError(400, `${param} must be a table view of market data (/investments?…, /companies?…), not "${view.path.split('?')[0].slice(0, 80)}"`, { param });
  parseQuery(collection, view.params, { extra: ['columns'] });
  return { collection, params: view.params, path: view.path };
}

/** A /concentration view's path → its parameters; throws a 400 naming the parameter. */
export function parseConcentrationPath(path: string, registry: CollectionLookup, param = 'path'): URLSearchParams {
  const view = parseAppPath(path, registry.ids, param);
  if (view.target.kind !== 'concentration') throw new ApiError(400, `${param} must be a /concentration view, not "${view.path.split('?')[0].slice(0, 80)}"`, { param });
  parseConcentrationQuery(view.params, { extra: ['mergeA', 'mergeB'] });
  return view.params;
}

/** A rule's path checked against its view: a 422 issue on `path` that names the refused URL parameter. */
export function alertPathIssues(row: Record<string, unknown>, registry: CollectionLookup): ErrorIssue[] {
  if (typeof row.path !== 'string' || !row.path) return [];
  try {
    if (row.kind === 'new-rows') parseTablePath(row.path, registry);
    else if (row.kind === 'metric') parseConcentrationPath(row.path, registry);
    else return [{ path: 'path', message: 'only new-rows and metric rules have a path' }];
    return [];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const param = error.details.param;
    const where = param && param !== 'path' ? ` (parameter "${param}")` : '';
    return [{ path: 'path', message: `the view refuses this path${where}: ${error.message}` }];
  }
}
