import { sql, type RawBuilder } from 'kysely';
import { COLLECTIONS } from '../lib/collections';
import type { Collection, Column } from '../lib/collections/types';
import type { ColumnFilter, QuerySpec } from '../lib/query/spec';
import { containsText, unindexed, type DialectName } from './dialect';
import { visibleCondition } from './ownership';
import { linkedTo } from './relations';
import { searchCondition } from './search';

// Spec → SQL conditions. Column names come only from registry Column objects; values are bound.

export const col = (collection: Collection, column: Column | string) =>
  sql.ref(`${collection.table}.${typeof column === 'string' ? column : column.id}`);

function filterCondition(dialect: DialectName, collection: Collection, filter: ColumnFilter, table = collection.table, noIndex = false): RawBuilder<boolean> {
  const ref = noIndex ? unindexed(dialect, sql.ref(`${table}.${filter.column.id}`)) : sql.ref(`${table}.${filter.column.id}`);
  const [first] = filter.values;
  switch (filter.op) {
    case 'eq':
      return sql<boolean>`${ref} in (${sql.join(filter.values)})`;
    case 'gte':
      return sql<boolean>`${ref} >= ${first}`;
    case 'lte':
      return sql<boolean>`${ref} <= ${first}`;
    case 'contains':
      return containsText(dialect, ref, String(first));
    case 'isnull':
      return first ? sql<boolean>`${ref} is null` : sql<boolean>`${ref} is not null`;
  }
}

/** All conditions of a spec, optionally leaving out the filters on one column (for its facet counts). */
export function whereOf(dialect: DialectName, spec: QuerySpec, exceptColumn?: string): RawBuilder<boolean> {
  return conditionsOf(dialect, spec, exceptColumn) ?? sql<boolean>`1 = 1`;
}

/**
 * The conditions of a spec, or null when there are none: a query without a WHERE clause, not `where 1 = 1`.
 * SQLite answers a bare `count(*)` with its count optimisation (cells counted page by page) but steps through
 * an index entry by entry for `where 1 = 1` (at a million rounds about half the time). `searchDrives`: see
 * searchCondition. `walking`: the page is read in the order of this column's index, so the filters on other
 * columns are tested on the rows it passes and not looked up through their own indexes (on SQLite; the planner of
 * PostgreSQL weighs it itself) — db/list-plan.ts.
 */
export function conditionsOf(dialect: DialectName, spec: QuerySpec, exceptColumn?: string, options: { searchDrives?: boolean; walking?: string } = {}): RawBuilder<boolean> | null {
  const conditions: RawBuilder<boolean>[] = [];
  if (spec.q) {
    const search = searchCondition(dialect, spec.collection, spec.q, options.searchDrives ?? true);
    if (search) conditions.push(search);
  }
  for (const filter of spec.filters) {
    const noIndex = options.walking !== undefined && filter.column.id !== options.walking;
    if (filter.column.id !== exceptColumn) conditions.push(filterCondition(dialect, spec.collection, filter, spec.collection.table, noIndex));
  }
  // Walking the sort column's index, the row's id is tested against the links, not used to look the rows up by.
  const owner = options.walking !== undefined ? unindexed(dialect, sql.ref(`${spec.collection.table}.id`)) : undefined;
  for (const r of spec.relations) conditions.push(linkedTo(spec.collection, r.filter, r.id, owner));
  const visible = visibleCondition(spec.collection, spec.visibleTo);
  if (visible) conditions.push(visible);
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : null;
}

/** Column filters applied to another table (or alias) that holds the same columns; null when there are none. */
export function filtersOn(dialect: DialectName, spec: QuerySpec, table: string): RawBuilder<boolean> | null {
  const conditions = spec.filters.map((filter) => filterCondition(dialect, spec.collection, filter, table));
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : null;
}

/**
 * Columns the database holds no null in (NOT NULL in the migrations: ids, timestamps, flags and required columns;
 * test/integration/list-shapes.test.ts compares this with the schema of every collection).
 */
export const notNullColumn = (column: Column): boolean => column.type === 'id' || column.type === 'timestamp' || column.type === 'flag' || column.required === true;

/**
 * ORDER BY of a spec: the chosen column with nulls last either way, ties broken by id in the same
 * direction (so that one index on (column, id) serves the whole ordering). Money shown in another currency
 * (`currency=`) still sorts by the stored US-dollar amount, on its index: sorting by the converted amount would
 * sort every matching row (decision 027), so amounts of different years may show slightly out of order.
 * A column without nulls is ordered without `nulls last`: PostgreSQL reads an index backwards for `desc` only
 * when the nulls go first, its default (it does not infer that from NOT NULL). `nulls: false` leaves the nulls'
 * place to the dialect, for rows known to have no null in the column (db/list-plan.ts).
 */
export function orderOf(spec: QuerySpec, options: { nulls?: boolean } = {}): RawBuilder<unknown> {
  const direction = spec.sort.order === 'desc' ? sql`desc` : sql`asc`;
  const ref = col(spec.collection, spec.sort.column);
  const tie = spec.sort.column.id === 'id' ? sql`` : sql`, ${col(spec.collection, 'id')} ${direction}`;
  const nulls = options.nulls === false || notNullColumn(spec.sort.column) ? sql`` : sql` nulls last`;
  return sql`${ref} ${direction}${nulls}${tie}`;
}

/** Every (collection, column) that references rows of the target collection. */
export function referencesTo(target: Collection): { collection: Collection; column: Column }[] {
  return COLLECTIONS.flatMap((collection) =>
    collection.columns
      .filter((c) => c.type === 'ref' && c.ref === target.id)
      .map((column) => ({ collection, column })),
  );
}
