import { marketMapToParams, networkToParams, parseMarketMapQuery, parseNetworkQuery, type MarketMapQuery, type NetworkQuery } from '../analysis/params';
import { concentrationToParams, parseConcentrationQuery, type ConcentrationQuery } from '../concentration/params';
import type { Collection } from '../collections/types';
import { badRequest } from '../errors';
import { MILESTONE_PARAMS, parseMilestoneView, withMilestoneView, type MilestoneView } from '../events/view';
import { parseQuery, specToParams } from './parse';
import { PAGING_PARAMS, type QuerySpec } from './spec';

// The one place where a view's state and its URL turn into each other. Server pages parse their
// searchParams here, client components build the next view's links here, and share links and CSV
// links are made from the same functions. lib/ only: no next/*, no db.

/** A Next.js page's `searchParams` (a repeated parameter arrives as an array). */
export type SearchRecord = Record<string, string | string[] | undefined>;

export function searchParamsOf(record: SearchRecord): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}

/** The inverse of searchParamsOf: for rendering a page component with a query it was not routed with. */
export function searchRecordOf(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const had = record[key];
    record[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return record;
}

// ---- Tables ----

/** Parameters of a table view that are not filters: they order, page, lay out or show in a currency the same rows. */
export const TABLE_LAYOUT_PARAMS: readonly string[] = [...PAGING_PARAMS, 'columns', 'currency'];
/** Whether a table URL parameter narrows the rows (`q` and every column or participant filter). */
export const isFilterParam = (key: string): boolean => !TABLE_LAYOUT_PARAMS.includes(key);

export interface TableViewState {
  /** Filters, search, sort and paging, as parseQuery reads them. */
  spec: QuerySpec;
  /** The visible columns in order; null for the registry's default (listed) columns. */
  columns: string[] | null;
}

export const defaultColumns = (collection: Collection): string[] => collection.columns.filter((c) => c.listed).map((c) => c.id);

function parseColumns(collection: Collection, params: URLSearchParams): string[] | null {
  const all = params.getAll('columns');
  if (all.length > 1) throw badRequest('columns may be given only once', 'columns');
  const ids = [...new Set((all[0] ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  for (const id of ids) {
    const column = collection.columns.find((c) => c.id === id);
    if (!column || column.type === 'json') throw badRequest(`unknown column "${id}" in columns`, 'columns');
  }
  return ids.length ? ids : null;
}

export const tableView = {
  /** URL → state; a parameter that is not valid for the collection is a 400 naming it. */
  parse(params: URLSearchParams, collection: Collection): TableViewState {
    return { spec: parseQuery(collection, params, { extra: ['columns'] }), columns: parseColumns(collection, params) };
  },
  /** State → URL, defaults left out. */
  format(state: TableViewState): URLSearchParams {
    const params = specToParams(state.spec);
    if (state.columns) params.set('columns', state.columns.join(','));
    return params;
  },
  visibleColumns(state: TableViewState): string[] {
    return state.columns ?? defaultColumns(state.spec.collection);
  },
};

// Edits of a table URL. They work on the URL as it is (a client component has no parsed state) and never
// throw: an invalid URL stays invalid, and the server page says why. Every filter edit goes back to page 1.

const copy = (params: URLSearchParams) => new URLSearchParams(params);

/** A column header's link: ascending, then descending, then back to the default order. */
export function withNextSort(params: URLSearchParams, columnId: string): URLSearchParams {
  const next = copy(params);
  next.delete('page');
  if (next.get('sort') !== columnId) {
    next.set('sort', columnId);
    next.set('order', 'asc');
  } else if ((next.get('order') ?? 'asc') === 'asc') {
    next.set('order', 'desc');
  } else {
    next.delete('sort');
    next.delete('order');
  }
  return next;
}

export function withPage(params: URLSearchParams, page: number): URLSearchParams {
  const next = copy(params);
  if (page > 1) next.set('page', String(page));
  else next.delete('page');
  return next;
}

export function withPageSize(params: URLSearchParams, pageSize: number): URLSearchParams {
  const next = copy(params);
  next.delete('page');
  next.set('pageSize', String(pageSize));
  return next;
}

/** Other visible columns (null: the default ones); the rows, and so the page, stay the same. */
export function withColumns(params: URLSearchParams, columns: readonly string[] | null): URLSearchParams {
  const next = copy(params);
  if (columns) next.set('columns', columns.join(','));
  else next.delete('columns');
  return next;
}

/** Single-valued parameters set (or, with null or '', removed); `drop` names others to remove. */
export function withValues(params: URLSearchParams, changes: Record<string, string | null>, drop: readonly string[] = []): URLSearchParams {
  const next = copy(params);
  next.delete('page');
  for (const key of [...drop, ...Object.keys(changes)]) next.delete(key);
  for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value);
  return next;
}

export function withoutValue(params: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = copy(params);
  next.delete('page');
  const kept = next.getAll(key).filter((v) => v !== value);
  next.delete(key);
  for (const v of kept) next.append(key, v);
  return next;
}

/** One value of a repeated filter added, or removed when it is there. */
export function withToggledValue(params: URLSearchParams, key: string, value: string): URLSearchParams {
  if (params.getAll(key).includes(value)) return withoutValue(params, key, value);
  const next = copy(params);
  next.delete('page');
  next.append(key, value);
  return next;
}

/** Every filter and the search removed; sort, page size and columns kept. */
export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of params) if (!isFilterParam(key) && key !== 'page') next.append(key, value);
  return next;
}

/** Only the filters (what facet counts depend on). */
export function filtersOf(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of params) if (isFilterParam(key)) next.append(key, value);
  return next;
}

/** The CSV download of a table view: every matching row (no paging) with the visible columns. */
export function csvParams(params: URLSearchParams, visibleColumns: readonly string[]): URLSearchParams {
  const next = copy(params);
  next.delete('page');
  next.delete('pageSize');
  next.set('columns', visibleColumns.join(','));
  return next;
}

/** `?query` for a link to the same page, or the bare page when the query is empty. */
export const hrefOf = (pathname: string, params: URLSearchParams): string => {
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
};

// ---- The concentration view ----

/** Parameters only the /concentration page reads (the merger picker, milestones on its series), not the API. */
export const CONCENTRATION_PAGE_PARAMS = ['mergeA', 'mergeB', ...MILESTONE_PARAMS] as const;

const MAX_FIRM_ID = 200;

export interface ConcentrationViewState {
  query: ConcentrationQuery;
  /** The two firms of the "what if these merged" picker (company or investor ids), or null. */
  mergeA: string | null;
  mergeB: string | null;
  /** Milestones marked on the series charts (`events=1`, `eventKinds=…`); absent: none. */
  events?: MilestoneView;
}

function firmId(params: URLSearchParams, key: 'mergeA' | 'mergeB'): string | null {
  const all = params.getAll(key);
  if (all.length > 1) throw badRequest(`${key} may be given only once`, key);
  if (!all[0]) return null;
  if (all[0].length > MAX_FIRM_ID) throw badRequest(`${key} is longer than ${MAX_FIRM_ID} characters`, key);
  return all[0];
}

export const concentrationView = {
  parse(params: URLSearchParams): ConcentrationViewState {
    const query = parseConcentrationQuery(params, { extra: CONCENTRATION_PAGE_PARAMS });
    const events = parseMilestoneView(params);
    return { query, mergeA: firmId(params, 'mergeA'), mergeB: firmId(params, 'mergeB'), ...(events ? { events } : {}) };
  },
  /** Defaults left out; the interval is kept (the page shows the series). */
  format(state: ConcentrationViewState): URLSearchParams {
    const params = concentrationToParams(state.query, { series: true });
    if (state.mergeA) params.set('mergeA', state.mergeA);
    if (state.mergeB) params.set('mergeB', state.mergeB);
    return withMilestoneView(params, state.events ?? null);
  },
};

// ---- The market map and the co-investor network ----

export const marketMapView = {
  /** The page reads exactly what GET /api/v1/market-map reads. */
  parse(params: URLSearchParams): MarketMapQuery {
    return parseMarketMapQuery(params);
  },
  format(state: MarketMapQuery): URLSearchParams {
    return marketMapToParams(state);
  },
};

/** Parameters only the /network page reads (the order of its table of pairs), not the API. */
export const NETWORK_PAGE_PARAMS = ['sort', 'order'] as const;
export const NETWORK_SORTS = ['rounds', 'a', 'b'] as const;
export type NetworkSort = (typeof NETWORK_SORTS)[number];

export interface NetworkViewState {
  query: NetworkQuery;
  /** The table of pairs: by shared rounds (default, most first) or by either investor's name. */
  sort: NetworkSort;
  order: 'asc' | 'desc';
}

export const networkView = {
  parse(params: URLSearchParams): NetworkViewState {
    const query = parseNetworkQuery(params, { extra: NETWORK_PAGE_PARAMS });
    const one = (key: string) => {
      const all = params.getAll(key);
      if (all.length > 1) throw badRequest(`${key} may be given only once`, key);
      return all[0] || undefined;
    };
    const sort = one('sort') ?? 'rounds';
    if (!(NETWORK_SORTS as readonly string[]).includes(sort)) throw badRequest(`sort must be one of ${NETWORK_SORTS.join(', ')}`, 'sort');
    const order = one('order') ?? (one('sort') ? 'asc' : 'desc');
    if (order !== 'asc' && order !== 'desc') throw badRequest('order must be asc or desc', 'order');
    return { query, sort: sort as NetworkSort, order };
  },
  /** Defaults (most shared rounds first) left out; a header link's next state comes from withNextSort. */
  format(state: NetworkViewState): URLSearchParams {
    const params = networkToParams(state.query);
    if (state.sort !== 'rounds' || state.order !== 'desc') {
      params.set('sort', state.sort);
      params.set('order', state.order);
    }
    return params;
  },
};
