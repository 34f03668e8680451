import { sql } from 'kysely';
import { getCollection, storedColumns } from '../lib/collections';
import type { Collection, Column, Row } from '../lib/collections/types';
import type { QuerySpec } from '../lib/query/spec';
import { convertRows, isBase, missingKeys, type FxBlock } from '../lib/fx/convert';
import { rowTemplate } from '../lib/row-template';
import type { Atlas } from './connection';
import { displayFxOf } from './fx';
import { keepsCounts, keptCounts } from './kept-counts';
import { listPlan, plannedPage, type ListPlan } from './list-plan';
import { attachLinks, linkListSelections, pageLinkKeysOf, pageLinksOf } from './relations';
import { dynamic, type AnyTable } from './types';
import { searchUsesIndex } from './search';
import { col, conditionsOf, orderOf } from './where';

export interface Page {
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
  /** With `currency=`: the currency of the money columns and the rates used (lib/fx/convert.ts). */
  fx?: FxBlock;
}

export interface RefName {
  id: string;
  name: string;
  name_zh?: string | null;
}

/**
 * What turns a database row into the API shape of its collection (JSON columns parsed); made once per page.
 * `laterKeys`: the keys the caller sets afterwards (ref objects, links), so that the row has them from the start.
 */
export function apiRowsOf(collection: Collection, laterKeys: readonly string[] = [], absentKeys: readonly string[] = []): (raw: AnyTable) => Row {
  const columns = storedColumns(collection).map((column) => ({ id: column.id, json: column.type === 'json' }));
  const newRow = rowTemplate([...columns.map((c) => c.id), ...laterKeys], absentKeys);
  return (raw) => {
    const row = newRow();
    for (const { id, json } of columns) {
      const value = raw[id] ?? null;
      row[id] = json && typeof value === 'string' ? JSON.parse(value) : value;
    }
    return row as Row;
  };
}

/** Turn a database row into the API shape of its collection (JSON columns parsed). */
export const fromDb = (collection: Collection, raw: AnyTable): Row => apiRowsOf(collection)(raw);

/** The key a ref column's {id, name} object is attached under: company_id → company. */
export const relationKey = (columnId: string) => columnId.replace(/_id$/, '');

async function attachRefNames(atlas: Atlas, collection: Collection, rows: Row[]): Promise<void> {
  for (const column of collection.columns.filter((c) => c.type === 'ref')) {
    const ids = [...new Set(rows.map((r) => r[column.id]).filter((v): v is string => typeof v === 'string'))];
    const names = await refNames(atlas, getCollection(column.ref ?? ''), ids);
    for (const row of rows) {
      const id = row[column.id];
      row[relationKey(column.id)] = typeof id === 'string' ? (names.get(id) ?? { id, name: id }) : null;
    }
  }
}

export async function refNames(atlas: Atlas, target: Collection, ids: string[]): Promise<Map<string, RefName>> {
  const result = new Map<string, RefName>();
  if (ids.length === 0) return result;
  const title = target.columns.find((c) => c.id === target.titleColumn);
  const zh = title?.zhTwin;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = await dynamic(atlas.db)
      .selectFrom(target.table)
      .select([sql<string>`id`.as('id'), sql<string>`${sql.ref(target.titleColumn)}`.as('name'), ...(zh ? [sql<string | null>`${sql.ref(zh)}`.as('name_zh')] : [])])
      .where(sql<boolean>`id in (${sql.join(chunk)})`)
      .execute();
    for (const r of found) result.set(String(r.id), { id: String(r.id), name: String(r.name), ...(zh ? { name_zh: (r.name_zh as string | null) ?? null } : {}) });
  }
  return result;
}

/** Add the related names a row of this collection carries: ref objects and its links (for rounds, participants). */
export async function withRelations(atlas: Atlas, collection: Collection, rows: Row[]): Promise<Row[]> {
  if (rows.length === 0) return rows;
  await attachRefNames(atlas, collection, rows);
  await attachLinks(atlas.db, collection, rows, true);
  return rows;
}

/**
 * The query of one page, with everything the page shows, in one statement: the rows; the total, as an
 * uncorrelated scalar subquery (evaluated once, and unlike count(*) over () it does not make the page wait for
 * every matching row) unless it was counted already; the names of referenced rows; and each link table's links (for
 * rounds, the participants) as a JSON list (no N+1). The names and links are looked up in an outer query over the
 * page alone: were they columns of the inner query, a sorted page (ORDER BY without an index) would look them up for
 * every matching row. Without conditions neither the page nor its count has a WHERE clause (see conditionsOf).
 * `shape`: a total counted already, and whether the search indexes name the rows to start from (see searchShape);
 * or the plan of a sort-indexed collection (db/list-plan.ts), which reads the page in its own shape.
 */
export function pageQuery(atlas: Atlas, spec: QuerySpec, shape: { total?: number; searchDrives?: boolean; plan?: ListPlan } = {}) {
  const { collection } = spec;
  const table = collection.table;
  const where = conditionsOf(atlas.dialect, spec, undefined, { searchDrives: shape.searchDrives });
  const whereSql = where ? sql` where ${where}` : sql``;
  const counted = shape.plan?.total ?? shape.total;
  const total = counted === undefined ? sql<number>`(select count(*) from ${sql.table(table)}${whereSql})` : sql<number>`${counted}`;
  const plain = () =>
    dynamic(atlas.db)
      .selectFrom(table)
      .selectAll(table)
      .$if(where !== null, (qb) => qb.where(where!))
      .orderBy(orderOf(spec))
      .limit(spec.pageSize)
      .offset((spec.page - 1) * spec.pageSize);
  const page = (shape.plan ? plannedPage(atlas, spec, shape.plan) : sql<AnyTable>`(${plain()})`).as(table);
  // The page keeps the table's name, so that the ORDER BY (and the relations below) read the same.
  let query = dynamic(atlas.db).selectFrom(page).selectAll(table).select(total.as('__total'));
  refColumns(collection).forEach(({ column, target, zh, idAlias, nameAlias, zhAlias }, i) => {
    const alias = `ref_${i}`;
    query = query
      .leftJoin(`${target.table} as ${alias}`, `${alias}.id`, `${table}.${column.id}`)
      .select([
        sql.ref(`${alias}.id`).as(idAlias),
        sql.ref(`${alias}.${target.titleColumn}`).as(nameAlias),
        ...(zh ? [sql.ref(`${alias}.${zh}`).as(zhAlias)] : []),
      ]);
  });
  const links = linkListSelections(atlas.dialect, collection, col(collection, 'id'));
  if (links.length) query = query.select(links);
  return query.orderBy(orderOf(spec));
}

interface RefColumn {
  column: Column;
  target: Collection;
  /** The Chinese twin of the target's title column, if it has one. */
  zh: string | undefined;
  /** Where the row's object goes (company_id → company) and the page query's aliases of the referenced row. */
  key: string;
  idAlias: string;
  nameAlias: string;
  zhAlias: string;
}

/** The ref columns of a collection with the collection they point to. */
function refColumns(collection: Collection): RefColumn[] {
  return collection.columns
    .filter((c) => c.type === 'ref' && !c.virtual)
    .map((column, i) => {
      const target = getCollection(column.ref ?? '');
      const zh = target.columns.find((c) => c.id === target.titleColumn)?.zhTwin;
      return { column, target, zh, key: relationKey(column.id), idAlias: `__ref_${i}_id`, nameAlias: `__ref_${i}_name`, zhAlias: `__ref_${i}_name_zh` };
    });
}

/** What turns a row of pageQuery into the shape withRelations gives: ref objects and links (for rounds, participants). */
function pageRowsOf(collection: Collection, converted: boolean): (raw: AnyTable) => Row {
  const references = refColumns(collection);
  // Rows to convert have the flags of money left unconverted from the start (undefined) for convertRows in place;
  // others do without (a page's props would carry each undefined key).
  const toRow = apiRowsOf(collection, [...references.map((r) => r.key), ...pageLinkKeysOf(collection)], converted ? missingKeys(collection) : []);
  const links = pageLinksOf(collection);
  return (raw) => {
    const row = toRow(raw);
    for (const { column, zh, key, idAlias, nameAlias, zhAlias } of references) {
      const id = row[column.id];
      if (typeof id !== 'string') row[key] = null;
      else if (raw[idAlias] == null) row[key] = { id, name: id };
      else row[key] = zh ? { id, name: String(raw[nameAlias]), name_zh: (raw[zhAlias] as string | null) ?? null } : { id, name: String(raw[nameAlias]) };
    }
    links(raw, row);
    return row;
  };
}

/**
 * SQLite, a `q` its FTS5 index answers: the count first, then how to read the page. Started from the rows the
 * index names, the page costs about one row look-up per match (all collected, then sorted); walked in page
 * order, testing each row against the matches, it passes about (offset + pageSize) × rows / matches rows when an
 * index gives the order, every row when none does. The cheaper one is taken (docs/decisions/021-search-indexes.md).
 * Null when the page query counts for itself.
 */
export async function searchShape(atlas: Atlas, spec: QuerySpec): Promise<{ total: number; searchDrives: boolean } | null> {
  if (!searchUsesIndex(atlas.dialect, spec.q)) return null;
  const total = await countRows(atlas, spec);
  const table = sql.table(spec.collection.table);
  const { rows } = await sql<{ n: number | null }>`select max(rowid) as n from ${table}`.execute(atlas.db);
  const size = Number(rows[0]?.n ?? 0);
  const passed = ((spec.page - 1) * spec.pageSize + spec.pageSize) * (size / Math.max(total, 1));
  if (total === 0 || passed >= total) return { total, searchDrives: true };
  const walk = dynamic(atlas.db)
    .selectFrom(spec.collection.table)
    .select(sql`1`.as('one'))
    .where(conditionsOf(atlas.dialect, spec, undefined, { searchDrives: false })!)
    .orderBy(orderOf(spec))
    .limit(1)
    .compile();
  const plan = await atlas.db.executeQuery<{ detail: string }>({ ...walk, sql: `explain query plan ${walk.sql}` });
  const sorts = plan.rows.some((r) => r.detail.includes('TEMP B-TREE FOR ORDER BY'));
  // Without an index for the order the walk reads every row, each about a third of a match's look-up.
  return { total, searchDrives: sorts && size >= total * 3 };
}

/**
 * One page of a collection, its total count, reference names and participants: one round trip when the page is
 * not empty (two or three for a search on SQLite or for rounds and companies — the count first, which picks the
 * page's shape: db/list-plan.ts; one more, for the rates, with `currency=`: its money columns in that currency).
 */
export async function listRows(atlas: Atlas, spec: QuerySpec): Promise<Page> {
  const { collection } = spec;
  const offset = (spec.page - 1) * spec.pageSize;
  const display = await displayFxOf(atlas.db, spec.currency);
  const search = await searchShape(atlas, spec);
  const plan = search ? null : await listPlan(atlas, spec);
  const shape = search ?? (plan ? { total: plan.total, plan } : null);
  const { rows: raw } = shape && shape.total === 0 ? { rows: [] } : await atlas.db.executeQuery<AnyTable>(pageQuery(atlas, spec, shape ?? {}).compile());
  let total = shape ? shape.total : raw.length ? Number(raw[0].__total) : 0;
  if (!shape && raw.length === 0 && offset > 0) total = await countRows(atlas, spec);
  const rows = raw.map(pageRowsOf(collection, !isBase(display)));
  const page = { rows, total, page: spec.page, pageSize: spec.pageSize };
  return display ? { ...page, ...convertRows(collection, rows, display, true) } : page;
}

export async function countRows(atlas: Atlas, spec: QuerySpec): Promise<number> {
  const where = conditionsOf(atlas.dialect, spec);
  const result = await dynamic(atlas.db)
    .selectFrom(spec.collection.table)
    .select(sql<number>`count(*)`.as('n'))
    .$if(where !== null, (qb) => qb.where(where!))
    .executeTakeFirstOrThrow();
  return Number(result.n);
}

export async function getRow(atlas: Atlas, collection: Collection, id: string): Promise<Row | null> {
  const raw = await dynamic(atlas.db)
    .selectFrom(collection.table)
    .selectAll()
    .where(col(collection, 'id'), '=', id)
    .executeTakeFirst();
  if (!raw) return null;
  const [row] = await withRelations(atlas, collection, [fromDb(collection, raw)]);
  return row;
}

export interface FacetValue {
  value: string | number | null;
  count: number;
}

/** Counts per value of each facet column, honouring every filter except the facet's own. */
export async function facetCounts(atlas: Atlas, spec: QuerySpec, columnIds: string[], limit = 200): Promise<Record<string, FacetValue[]>> {
  const result: Record<string, FacetValue[]> = {};
  for (const id of columnIds) {
    const ref = col(spec.collection, id);
    const where = conditionsOf(atlas.dialect, spec, id);
    if (where === null && keepsCounts(spec.collection, id)) {
      result[id] = await keptCounts(atlas, id, limit);
      continue;
    }
    const found = await dynamic(atlas.db)
      .selectFrom(spec.collection.table)
      .select([sql<string | number | null>`${ref}`.as('value'), sql<number>`count(*)`.as('count')])
      .$if(where !== null, (qb) => qb.where(where!))
      .groupBy(ref)
      .orderBy(sql`count(*) desc`)
      .orderBy(ref)
      .limit(limit)
      .execute();
    result[id] = found.map((r) => ({ value: (r.value as string | number | null) ?? null, count: Number(r.count) }));
  }
  return result;
}

/** Ids and display names of a collection, for pickers (sorted by name, bounded). */
export async function listNames(atlas: Atlas, target: Collection, limit = 5000): Promise<RefName[]> {
  const title = target.columns.find((c) => c.id === target.titleColumn);
  const zh = title?.zhTwin;
  const found = await dynamic(atlas.db)
    .selectFrom(target.table)
    .select([sql<string>`id`.as('id'), sql<string>`${sql.ref(target.titleColumn)}`.as('name'), ...(zh ? [sql<string | null>`${sql.ref(zh)}`.as('name_zh')] : [])])
    .orderBy(sql.ref(target.titleColumn))
    .limit(limit)
    .execute();
  return found.map((r) => ({ id: String(r.id), name: String(r.name), name_zh: (r.name_zh as string | null | undefined) ?? null }));
}
