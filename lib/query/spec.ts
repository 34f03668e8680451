import type { Collection, Column, RelationFilter } from '../collections/types';

export type FilterOp = 'eq' | 'gte' | 'lte' | 'contains' | 'isnull';

export interface ColumnFilter {
  column: Column;
  op: FilterOp;
  /** eq: any of these; gte/lte/contains: one value; isnull: [true | false]. */
  values: (string | number | boolean)[];
}

/** A relation filter of the collection (`investor=openai`): rows linked to `id` through the filter's refs column. */
export interface RelationCondition {
  filter: RelationFilter;
  id: string;
}

export interface QuerySpec {
  collection: Collection;
  q: string | null;
  sort: { column: Column; order: 'asc' | 'desc' };
  page: number;
  pageSize: number;
  filters: ColumnFilter[];
  relations: RelationCondition[];
  /** Rows with an owner: only those this user may see (set by the server in team mode, db/ownership.ts). */
  visibleTo?: string;
  /** `currency=`: the money columns of the answer in this currency (lib/fx), not which rows match; null: US dollars as stored. */
  currency?: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** List parameters that order and page the rows (not filters): the concentration view refuses them. */
export const PAGING_PARAMS = ['sort', 'order', 'page', 'pageSize'] as const;
/** Every parameter of a list URL that parseQuery reads itself rather than as a filter. */
export const LIST_PARAMS = ['q', 'currency', ...PAGING_PARAMS] as const;
