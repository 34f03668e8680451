import 'server-only';
import { findColumn } from '@/lib/collections';
import type { Collection } from '@/lib/collections/types';
import { badRequest } from '@/lib/errors';

type SearchParams = Record<string, string | string[] | undefined>;

export function toSearchParams(raw: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}

export const defaultColumns = (collection: Collection) => collection.columns.filter((c) => c.listed).map((c) => c.id);

/** The `columns=` parameter: visible columns in order, each checked against the registry. */
export function visibleColumnsOf(collection: Collection, params: URLSearchParams): string[] {
  const raw = params.get('columns');
  if (!raw) return defaultColumns(collection);
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  for (const id of ids) {
    const column = findColumn(collection, id);
    if (!column || column.type === 'json') throw badRequest(`unknown column "${id}" in columns`, 'columns');
  }
  return ids.length ? ids : defaultColumns(collection);
}
