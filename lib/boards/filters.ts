import { z } from 'zod';
import { LAYERS, REGIONS } from '../collections/companies';
import type { Collection } from '../collections/types';
import { badRequest } from '../errors';
import type { ViewTarget } from '../shares/app-path';

// A board's filters: defaults stored with the board, overridden by its URL (`/boards/b1?layer=foundation&from=2022`),
// then merged over every tile's own view parameters — the board's value wins; a tile whose view cannot take a
// filter lists it as ignored.

export const BOARD_FILTERS = ['layer', 'region', 'country', 'from', 'to', 'investor'] as const;
export type BoardFilter = (typeof BOARD_FILTERS)[number];

const year = z.string().regex(/^\d{4}$/, 'must be a year (YYYY)');

export const boardFiltersSchema = z
  .object({
    layer: z.enum(LAYERS).optional(),
    region: z.enum(REGIONS).optional(),
    country: z.string().trim().min(1, 'must not be empty').max(80, 'is longer than 80 characters').optional(),
    from: year.optional(),
    to: year.optional(),
    investor: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, 'must be a company id').optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });

export type BoardFilters = z.infer<typeof boardFiltersSchema>;

/**
 * The board's URL → filter values. An empty value (`layer=`) clears the board's stored default for that
 * filter; anything not a board filter, or given twice, is a 400 naming it.
 */
export function parseBoardFilters(params: URLSearchParams): { values: BoardFilters; cleared: BoardFilter[] } {
  const raw: Record<string, string> = {};
  const cleared: BoardFilter[] = [];
  for (const key of new Set(params.keys())) {
    if (!(BOARD_FILTERS as readonly string[]).includes(key)) {
      throw badRequest(`unknown board filter "${key.slice(0, 60)}": boards filter by ${BOARD_FILTERS.join(', ')}`, key);
    }
    const all = params.getAll(key);
    if (all.length > 1) throw badRequest(`${key} may be given only once`, key);
    if (all[0] === '') cleared.push(key as BoardFilter);
    else raw[key] = all[0];
  }
  const parsed = boardFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = String(issue.path[0] ?? 'to');
    throw badRequest(`${param} ${issue.message}${param in raw ? `, not "${raw[param].slice(0, 40)}"` : ''}`, param);
  }
  return { values: parsed.data, cleared };
}

/** The filters in force: the board's defaults, then its URL's values and clearings. */
export function effectiveFilters(defaults: BoardFilters | null | undefined, url: { values: BoardFilters; cleared: readonly BoardFilter[] }): BoardFilters {
  const merged: Record<string, string> = { ...(defaults ?? {}), ...url.values };
  for (const key of url.cleared) delete merged[key];
  const checked = boardFiltersSchema.safeParse(merged);
  if (!checked.success) throw badRequest(`the board's filters contradict each other: ${checked.error.issues[0].message}`, 'to');
  return checked.data;
}

export interface MergedParams {
  params: URLSearchParams;
  applied: BoardFilter[];
  ignored: BoardFilter[];
}

const dropParam = (params: URLSearchParams, name: string) => {
  for (const key of [...params.keys()]) if (key === name || key.startsWith(`${name}__`)) params.delete(key);
};

/** How one filter lands on a table view of `collection`: the parameters it sets, or null when it cannot. */
function tableParams(collection: Collection, filter: BoardFilter, value: string): { drop: string[]; set: [string, string][] } | null {
  const has = (id: string) => collection.columns.some((c) => c.id === id && c.filter !== undefined && !c.virtual);
  if (filter === 'layer' || filter === 'region' || filter === 'country') return has(filter) ? { drop: [filter], set: [[filter, value]] } : null;
  if (filter === 'investor') return collection.relationFilters?.some((r) => r.param === 'investor') ? { drop: ['investor'], set: [['investor', value]] } : null;
  const time = collection.timeColumn ? collection.columns.find((c) => c.id === collection.timeColumn) : undefined;
  if (!time) return null;
  const op = filter === 'from' ? 'gte' : 'lte';
  const bound = time.type === 'date' ? `${value}-${filter === 'from' ? '01-01' : '12-31'}` : value;
  return { drop: [`${time.id}__${op}`], set: [[`${time.id}__${op}`, bound]] };
}

/**
 * A view's parameters with the board's filters merged over them. `collection` is the table's collection for
 * a table view. Views other than tables and /concentration take no board filter.
 */
export function mergeBoardFilters(target: ViewTarget, own: URLSearchParams, filters: BoardFilters, collection?: Collection): MergedParams {
  const params = new URLSearchParams(own);
  const applied: BoardFilter[] = [];
  const ignored: BoardFilter[] = [];
  for (const filter of BOARD_FILTERS) {
    const value = filters[filter];
    if (value === undefined) continue;
    let change: { drop: string[]; set: [string, string][] } | null = null;
    if (target.kind === 'table' && collection) change = tableParams(collection, filter, value);
    else if (target.kind === 'concentration' && filter !== 'investor') change = { drop: [filter], set: [[filter, value]] };
    if (!change) {
      ignored.push(filter);
      continue;
    }
    for (const name of change.drop) {
      if (name.includes('__')) params.delete(name);
      else dropParam(params, name);
    }
    for (const [name, v] of change.set) params.set(name, v);
    applied.push(filter);
  }
  return { params, applied, ignored };
}
