import { sql, type RawBuilder } from 'kysely';
import type { QuerySpec } from '../lib/query/spec';
import type { Atlas } from './connection';
import { rowEstimate } from './dialect';
import { keepsCounts, keepsRowCounts, keptRoundCount } from './kept-counts';
import { visibleCondition } from './ownership';
import { dynamic, type AnyTable } from './types';
import { conditionsOf, notNullColumn, orderOf } from './where';

// How a page of rounds or companies is read (issue 16, item 3; docs/decisions/032-list-query-shapes.md). Every
// sortable column of theirs leads an index with the id after it (migration 022). The total is counted first — from
// the kept counts when the only filter is one value of a counted column (or there is none), else with count(*) —
// and it picks the page's shape:
// - `walk`: the sort column's index is read in page order and each row it passes is tested against the filters:
//   about (offset + page size) × rows in the table / matching rows look-ups. Taken with no filter, and when the
//   filters match many rows.
// - `filter first`: the filters' own indexes give the matching rows, which are then sorted: about as many look-ups
//   as rows match. Taken when that is fewer, i.e. when matching² < (offset + page size) × rows in the table.
// The two return the same rows in the same order as the plain query (the ORDER BY of orderOf over the WHERE of
// conditionsOf): test/integration/list-shapes.test.ts compares them for every sortable column.

export type PageShape = 'walk' | 'filter first';

export interface ListPlan {
  total: number;
  shape: PageShape;
}

/**
 * Collections whose every sortable column leads an index followed by the id (migration 022; the test checks the
 * schema), but for the columns of FEW_TIES.
 */
export const SORT_INDEXED: ReadonlySet<string> = new Set(['investments', 'companies']);

/**
 * Sortable columns whose values repeat only a few times (a round's company: ~10 rounds each), led by an index without
 * the id next: the ties within a page are sorted as they come (SQLite: a temporary B-tree for the last term of the
 * ORDER BY; PostgreSQL: an incremental sort), which costs about as much as the page.
 */
export const FEW_TIES: ReadonlySet<string> = new Set(['investments.company_id']);

/** What the filter-first shape calls its matching rows (a common table expression). */
const MATCHING = 'matching';

/** A list's rows counted: from the kept counts when the only filter is one value of a counted column or none (no relation filter). */
async function totalOf(atlas: Atlas, spec: QuerySpec): Promise<number> {
  const { collection, filters } = spec;
  if (keepsRowCounts(collection) && spec.relations.length === 0) {
    if (filters.length === 0) return keptRoundCount(atlas);
    const [only] = filters;
    if (filters.length === 1 && only.op === 'eq' && only.values.length === 1 && keepsCounts(collection, only.column.id)) {
      return keptRoundCount(atlas, only.column.id, String(only.values[0]));
    }
  }
  return countOf(atlas, spec);
}

async function countOf(atlas: Atlas, spec: QuerySpec, filtered = true): Promise<number> {
  const where = filtered ? conditionsOf(atlas.dialect, spec) : null;
  const found = await dynamic(atlas.db)
    .selectFrom(spec.collection.table)
    .select(sql<number | string>`count(*)`.as('n'))
    .$if(where !== null, (qb) => qb.where(where!))
    .executeTakeFirstOrThrow();
  return Number(found.n);
}

/** About how many rows the table holds: exactly from the kept counts, else the dialect's estimate (or a count). */
async function tableRows(atlas: Atlas, spec: QuerySpec): Promise<number> {
  if (keepsRowCounts(spec.collection)) return keptRoundCount(atlas);
  const { rows } = await rowEstimate(atlas.dialect, spec.collection.table).execute(atlas.db);
  const estimate = Number(rows[0]?.n ?? 0);
  return estimate > 0 ? estimate : countOf(atlas, spec, false);
}

/**
 * The total and the shape of a page of a sort-indexed collection, or null when the list is read another way: a
 * `q` (its search index decides: decision 021) or rows with owners (the plain query). A relation filter (`investor=`)
 * is a filter like the others: its rows counted, then walked or filtered first by the same rule.
 */
export async function listPlan(atlas: Atlas, spec: QuerySpec): Promise<ListPlan | null> {
  if (!SORT_INDEXED.has(spec.collection.id) || spec.q || visibleCondition(spec.collection, spec.visibleTo)) return null;
  const total = await totalOf(atlas, spec);
  if (spec.filters.length === 0 && spec.relations.length === 0) return { total, shape: 'walk' };
  const reach = spec.page * spec.pageSize;
  const rows = await tableRows(atlas, spec);
  return { total, shape: total * total >= reach * rows ? 'walk' : 'filter first' };
}

/**
 * The rows of one page in the plan's shape, as a subquery to select from as the collection's table (db/rows.ts
 * pageQuery). Filter first, the matching rows are a materialized common table expression: PostgreSQL would
 * otherwise be free to walk the sort index again.
 */
export function plannedPage(atlas: Atlas, spec: QuerySpec, plan: ListPlan): RawBuilder<AnyTable> {
  const { collection } = spec;
  const table = collection.table;
  const offset = (spec.page - 1) * spec.pageSize;
  if (plan.shape === 'filter first') {
    const page = dynamic(atlas.db)
      .with((cte) => cte(MATCHING).materialized(), (db) => db.selectFrom(table).selectAll(table).where(conditionsOf(atlas.dialect, spec)!))
      .selectFrom(`${MATCHING} as ${table}`)
      .selectAll(table)
      .orderBy(orderOf(spec))
      .limit(spec.pageSize)
      .offset(offset);
    return sql<AnyTable>`(${page})`;
  }
  const where = conditionsOf(atlas.dialect, spec, undefined, { walking: spec.sort.column.id });
  const select = () => dynamic(atlas.db).selectFrom(table).selectAll(table).$if(where !== null, (qb) => qb.where(where!));
  if (atlas.dialect === 'sqlite' || spec.sort.order === 'asc' || notNullColumn(spec.sort.column)) {
    return sql<AnyTable>`(${select().orderBy(orderOf(spec)).limit(spec.pageSize).offset(offset)})`;
  }
  // PostgreSQL reads an index backwards with the nulls first: `desc nulls last` is read as the rows with a value,
  // then those without, each backwards along the index, and the page taken from the two.
  const column = sql.ref(`${table}.${spec.sort.column.id}`);
  const part = (nulls: boolean) =>
    select()
      .where(nulls ? sql<boolean>`${column} is null` : sql<boolean>`${column} is not null`)
      .orderBy(orderOf(spec, { nulls: false }))
      .limit(offset + spec.pageSize);
  const both = sql`select * from (${part(false)}) as with_value union all select * from (${part(true)}) as without_value`;
  const page = dynamic(atlas.db).selectFrom(sql`(${both})`.as(table)).selectAll(table).orderBy(orderOf(spec)).limit(spec.pageSize).offset(offset);
  return sql<AnyTable>`(${page})`;
}
