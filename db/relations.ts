import { sql, type RawBuilder } from 'kysely';
import { COLLECTIONS, findColumn, getCollection, linkTablesOf } from '../lib/collections';
import type { Collection, Column, LinkTable, RelationFilter, Row } from '../lib/collections/types';
import { insertMany } from './bulk-insert';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import { joinedList, jsonRowsAgg, parseJsonList, scanGroupKey, type DialectName } from './dialect';
import type { RefName } from './rows';
import { dynamic, type AnyTable } from './types';

// Every statement that reads or writes a link table (the links behind refs columns, declared in the registry:
// lib/collections/types.ts LinkTable) is built here, from the declaration alone: filters, lists on rows and
// pages, facet counts, export, writes (the API's, the import's, undo's) and the checks before a delete.
// A collection with a new link table needs a declaration, not SQL elsewhere.

/** A linked row as a row's link field lists it: the linked row's id and names, then the link's flags. */
export type LinkedRow = RefName & Record<string, unknown>;

interface LinkShape {
  link: LinkTable;
  /** The refs columns kept in the link table. */
  columns: Column[];
  /** The collection the links point at, its title column and the title's Chinese twin. */
  target: Collection;
  zh: string | undefined;
  flags: [column: string, key: string][];
}

const dyn = (db: Executor) => dynamic(db as Atlas['db']);
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

function shapeOf(link: LinkTable, columns: Column[]): LinkShape {
  const target = getCollection(columns[0]?.ref ?? '');
  const zh = target.columns.find((c) => c.id === target.titleColumn)?.zhTwin;
  return { link, columns, target, zh, flags: Object.entries(link.flags ?? {}) };
}

/** The link tables of a collection with what their statements need. */
const shapesOf = (collection: Collection): LinkShape[] => linkTablesOf(collection).map(({ link, columns }) => shapeOf(link, columns));

export const hasLinks = (collection: Collection): boolean => collection.columns.some((c) => c.relation);

function columnOf(collection: Collection, columnId: string): Column & { relation: NonNullable<Column['relation']> } {
  const column = findColumn(collection, columnId);
  if (!column?.relation) throw new Error(`${collection.id}.${columnId} is not a refs column with a link table`);
  return column as Column & { relation: NonNullable<Column['relation']> };
}

/** Ordering of a row's links: flagged links first (leads), then by the linked row's title. */
const linkOrder = (shape: LinkShape, alias: string, targetAlias: string) =>
  sql.join([...shape.flags.map(([column]) => sql`${ref(alias, column)} desc`), sql`${ref(targetAlias, shape.target.titleColumn)}`]);

/**
 * "Any link of `owner` through the filter's refs column is `id` or a child of it" (leads only when that column
 * keeps only flagged links): an IN list, so that the link table's index on its `to` column drives it.
 */
export function linkedTo(collection: Collection, filter: RelationFilter, id: string, owner: RawBuilder<unknown> = sql.ref(`${collection.table}.id`)): RawBuilder<boolean> {
  const column = columnOf(collection, filter.column);
  const { link, only } = column.relation;
  const target = getCollection(column.ref ?? '');
  const targets = filter.children
    ? sql`select pc.id from ${sql.table(target.table)} pc where pc.id = ${id} or ${ref('pc', filter.children)} = ${id}`
    : sql`${id}`;
  const flag = only ? sql` and ${ref('p', only)} = 1` : sql``;
  return sql<boolean>`${owner} in (select ${ref('p', link.from)} from ${sql.table(link.table)} p where ${ref('p', link.to)} in (${targets})${flag})`;
}

/** Put a row's links where the API shows them: the link field (if `detailed`) and one id list per refs column. */
function assignLinks(shape: LinkShape, row: Record<string, unknown>, links: LinkedRow[], detailed: boolean): void {
  if (detailed) row[shape.link.field] = links;
  for (const column of shape.columns) {
    const only = column.relation?.only;
    const key = only ? shape.link.flags?.[only] : undefined;
    row[column.id] = (key ? links.filter((l) => l[key] === true) : links).map((l) => l.id);
  }
}

/**
 * The links of many rows in one query per few hundred rows (no N+1): each refs column's id list and, if
 * `detailed`, the link field with names and flags. Rows of a collection without link tables are left alone.
 */
export async function attachLinks(db: Executor, collection: Collection, rows: Record<string, unknown>[], detailed: boolean): Promise<void> {
  for (const shape of shapesOf(collection)) {
    const { link, target, zh } = shape;
    const byOwner = new Map<string, LinkedRow[]>();
    const ids = rows.map((r) => String(r.id));
    for (let i = 0; i < ids.length; i += 500) {
      const found = await dyn(db)
        .selectFrom(`${link.table} as p`)
        .innerJoin(`${target.table} as c`, 'c.id', `p.${link.to}`)
        .select([
          sql<string>`${ref('p', link.from)}`.as('owner'),
          sql<string>`${ref('p', link.to)}`.as('id'),
          sql<string>`${ref('c', target.titleColumn)}`.as('name'),
          ...(zh ? [sql<string | null>`${ref('c', zh)}`.as('name_zh')] : []),
          ...shape.flags.map(([column]) => sql<number>`${ref('p', column)}`.as(column)),
        ])
        .where(ref('p', link.from), 'in', ids.slice(i, i + 500))
        .orderBy(linkOrder(shape, 'p', 'c'))
        .execute();
      for (const r of found) {
        const linked: LinkedRow = { id: String(r.id), name: String(r.name), ...(zh ? { name_zh: (r.name_zh as string | null) ?? null } : {}) };
        for (const [column, key] of shape.flags) linked[key] = Number(r[column]) === 1;
        const owner = String(r.owner);
        const links = byOwner.get(owner);
        if (links) links.push(linked);
        else byOwner.set(owner, [linked]);
      }
    }
    for (const row of rows) assignLinks(shape, row, byOwner.get(String(row.id)) ?? [], detailed);
  }
}

/** Selections for a page query: each link table's links of the row `owner` as one JSON list (see pageLinks). */
export function linkListSelections(dialect: DialectName, collection: Collection, owner: RawBuilder<unknown>) {
  return shapesOf(collection).map((shape, i) => {
    const { link, target, zh } = shape;
    const items = [ref('p', link.to), ref('c', target.titleColumn), zh ? ref('c', zh) : sql`null`, ...shape.flags.map(([column]) => ref('p', column))];
    const list = jsonRowsAgg(dialect, items, linkOrder(shape, 'p', 'c'));
    return sql`(select ${list} from ${sql.table(link.table)} p inner join ${sql.table(target.table)} c on c.id = ${ref('p', link.to)} where ${ref('p', link.from)} = ${owner})`.as(`__links_${i}`);
  });
}

/** The keys pageLinksOf sets on a row: each link table's field (participants) and its refs columns. */
export const pageLinkKeysOf = (collection: Collection): string[] => shapesOf(collection).flatMap((shape) => [shape.link.field, ...shape.columns.map((c) => c.id)]);

/**
 * What puts the links a page query row carries (linkListSelections) on the API row, as attachLinks puts them; the
 * collection's link shapes are worked out once per page, not once per row.
 */
export function pageLinksOf(collection: Collection): (raw: AnyTable, row: Row) => void {
  const shapes = shapesOf(collection).map((shape, i) => ({ shape, column: `__links_${i}` }));
  return (raw, row) => {
    for (const { shape, column } of shapes) {
      const links: LinkedRow[] = [];
      for (const [id, name, nameZh, ...flags] of parseJsonList(raw[column])) {
        const linked: LinkedRow = { id: String(id), name: name as string, ...(shape.zh ? { name_zh: (nameZh as string | null) ?? null } : {}) };
        shape.flags.forEach(([, key], f) => (linked[key] = Number(flags[f]) === 1));
        links.push(linked);
      }
      assignLinks(shape, row, links, true);
    }
  };
}

/** A refs column of the row `owner` as one text: its linked ids joined by `separator` (for export). */
export function linkedIdsText(dialect: DialectName, collection: Collection, columnId: string, owner: RawBuilder<unknown>, separator: string): RawBuilder<string | null> {
  const { link, only } = columnOf(collection, columnId).relation;
  const flag = only ? sql` and ${ref('p', only)} = 1` : sql``;
  const list = joinedList(dialect, ref('p', link.to), separator);
  return sql<string | null>`(select ${list} from ${sql.table(link.table)} p where ${ref('p', link.from)} = ${owner}${flag})`;
}

export interface LinkWrite {
  id: string;
  /** The row's refs lists (a column left out is empty); null writes nothing for this row. */
  lists: Record<string, unknown> | null;
  /** Remove the row's links first (an update); a new row has none. */
  replace: boolean;
  /** The owner row's values of the columns its links copy (LinkTable.copies), when the writer has them (an import). */
  copies?: Record<string, unknown>;
}

const idsIn = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * Store the refs lists of rows of one collection: per link table the union of its columns' lists, each flag
 * set where the id is in the list of the column that keeps only that flag. A link table none of whose columns
 * is in `lists` is left as it is. Multi-row inserts (db/bulk-insert.ts), deletes a few hundred rows at a time.
 */
export async function writeLinks(trx: Executor, collection: Collection, writes: LinkWrite[]): Promise<void> {
  for (const shape of shapesOf(collection)) {
    const { link, columns } = shape;
    const touched = writes.filter((w) => w.lists && columns.some((c) => c.id in w.lists!));
    const replaced = touched.filter((w) => w.replace).map((w) => w.id);
    for (let i = 0; i < replaced.length; i += 500) {
      await dyn(trx).deleteFrom(link.table).where(sql.ref(link.from), 'in', replaced.slice(i, i + 500)).execute();
    }
    // Copies written with the links when every write brings them; otherwise a trigger fills them (migration 007).
    const copies = touched.length > 0 && touched.every((w) => w.copies) ? (link.copies ?? []) : [];
    const rows: unknown[][] = [];
    for (const write of touched) {
      const lists = columns.map((c) => ({ only: c.relation?.only, ids: idsIn(write.lists![c.id]) }));
      const flagged = new Map(shape.flags.map(([flag]) => [flag, new Set(lists.filter((l) => l.only === flag).flatMap((l) => l.ids))]));
      const all = [...new Set([...lists.filter((l) => l.only).flatMap((l) => l.ids), ...lists.filter((l) => !l.only).flatMap((l) => l.ids)])];
      const copied = copies.map((c) => write.copies?.[c] ?? null);
      for (const id of all) rows.push([write.id, id, ...shape.flags.map(([flag]) => (flagged.get(flag)?.has(id) ? 1 : 0)), ...copied]);
    }
    const tableColumns = [link.from, link.to, ...shape.flags.map(([flag]) => flag), ...copies];
    await insertMany(trx, link.table, tableColumns, rows.length, (row, into) => into.push(...rows[row]));
  }
}

/** Remove the links of rows of `collection` (a few hundred ids at a time): per link table, the linked id of each link removed. */
export async function removeLinks(trx: Executor, collection: Collection, ids: readonly string[]): Promise<{ link: LinkTable; linked: string[] }[]> {
  const removed: { link: LinkTable; linked: string[] }[] = [];
  for (const { link } of shapesOf(collection)) {
    const linked: string[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await dyn(trx).deleteFrom(link.table).where(sql.ref(link.from), 'in', ids.slice(i, i + 1000)).returning(sql<string>`${sql.ref(link.to)}`.as('to')).execute();
      for (const row of rows) linked.push(String(row.to));
    }
    removed.push({ link, linked });
  }
  return removed;
}

/** How many links point at a row of `target`, per collection whose link tables point there (before a delete). */
export async function linksTo(trx: Executor, target: Collection, id: string): Promise<{ collection: Collection; column: Column; count: number }[]> {
  const uses: { collection: Collection; column: Column; count: number }[] = [];
  for (const collection of COLLECTIONS) {
    for (const { link, columns } of linkTablesOf(collection)) {
      const column = columns.find((c) => !c.relation?.only) ?? columns[0];
      if (column.ref !== target.id) continue;
      const found = await dyn(trx).selectFrom(link.table).select(sql<number>`count(*)`.as('n')).where(sql.ref(link.to), '=', id).executeTakeFirstOrThrow();
      if (Number(found.n) > 0) uses.push({ collection, column, count: Number(found.n) });
    }
  }
  return uses;
}

/** The link table behind a relation filter, and the flag its column keeps only (leads), if any. */
export function linkOfFilter(collection: Collection, filter: RelationFilter): { link: LinkTable; only: string | undefined; target: Collection } {
  const column = columnOf(collection, filter.column);
  return { link: column.relation.link, only: column.relation.only, target: getCollection(column.ref ?? '') };
}

/** The alias of the link table in linkCountsFromCopies: filters on the copied columns are written on it. */
export const COPIES_ALIAS = 'fp';

/**
 * Owners per linked row counted from the links' own copies of owner columns (LinkTable.copies), most first: one
 * count per condition (each written on COPIES_ALIAS), the counts added. One round type at a time lets the index
 * (round_type, investor_id, announced_on) hand over the links in linked-row order, counted without a sort.
 */
export async function linkCountsFromCopies(atlas: Atlas, link: LinkTable, conditions: (RawBuilder<boolean> | null)[], limit: number): Promise<{ value: string; count: number }[]> {
  const to = ref(COPIES_ALIAS, link.to);
  const counted = conditions.map(
    (where) => sql`select ${to} as value, count(*) as n from ${sql.table(link.table)} ${sql.raw(COPIES_ALIAS)}${where ? sql` where ${where}` : sql``} group by ${to}`,
  );
  const { rows } = await sql<{ value: string; count: number | string }>`select per_part.value, sum(per_part.n) as count
    from (${sql.join(counted, sql` union all `)}) as per_part
    group by per_part.value order by count desc, per_part.value limit ${limit}`.execute(atlas.db);
  return rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}

/**
 * Owners per linked row, most first, over the owners matching `owners` (a condition on the collection's table,
 * null for all): the matching owner ids are collected first, in id order, and their links looked up in that
 * order, which keeps the look-ups on neighbouring index pages.
 */
export async function linkCounts(atlas: Atlas, collection: Collection, filter: RelationFilter, owners: RawBuilder<boolean> | null, limit: number): Promise<{ value: string; count: number }[]> {
  const { link, only } = linkOfFilter(collection, filter);
  const to = ref('fp', link.to);
  const conditions = [
    ...(owners ? [sql<boolean>`${ref('fp', link.from)} in (select ${sql.ref(`${collection.table}.id`)} from ${sql.table(collection.table)} where ${owners})`] : []),
    ...(only ? [sql<boolean>`${ref('fp', only)} = 1`] : []),
  ];
  const found = await dyn(atlas.db)
    .selectFrom(`${link.table} as fp`)
    .select([sql<string>`${to}`.as('value'), sql<number>`count(*)`.as('count')])
    .$if(conditions.length > 0, (qb) => qb.where(sql<boolean>`${sql.join(conditions, sql` and `)}`))
    .groupBy(to)
    .orderBy(sql`count(*) desc`)
    .orderBy(to)
    .limit(limit)
    .execute();
  return found.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}

/**
 * For splitting each owner equally among its links (concentration by investor): joins that bring, for the
 * owner `owner`, one row per link with the linked id (`target`) and the owner's number of links (`count`).
 */
export function splitAmongLinks(collection: Collection, columnId: string, owner: RawBuilder<unknown>): { joins: RawBuilder<unknown>; target: RawBuilder<unknown>; count: RawBuilder<number> } {
  const { link } = columnOf(collection, columnId).relation;
  const table = sql.table(link.table);
  const joins = sql`join ${table} p on ${ref('p', link.from)} = ${owner}
        join (select ${sql.ref(link.from)} as owner_id, count(*) as k from ${table} group by ${sql.ref(link.from)}) pk on pk.owner_id = ${owner}`;
  return { joins, target: ref('p', link.to), count: sql<number>`pk.k` };
}

/** The owner `owner` has no links through the refs column (its amount cannot be attributed). */
export function hasNoLinks(collection: Collection, columnId: string, owner: RawBuilder<unknown>): RawBuilder<boolean> {
  const { link } = columnOf(collection, columnId).relation;
  return sql<boolean>`not exists (select 1 from ${sql.table(link.table)} p where ${ref('p', link.from)} = ${owner})`;
}

export interface LinkPairs {
  /** Pairs of linked rows with the owners they share, most first; `a` < `b` (JavaScript string order). */
  pairs: { a: string; b: string; count: number }[];
  /** Every pair that met `min`, before `limit`. */
  total: number;
}

export interface LinkPairOptions {
  /** Conditions on the links' own copies of owner columns (LinkTable.copies), written on COPIES_ALIAS. */
  copies: RawBuilder<boolean>[];
  /** A condition on the owner collection's table (null: every owner). */
  owners: RawBuilder<boolean> | null;
  /** Only pairs with this linked row in them. */
  around: string | null;
  min: number;
  limit: number;
}

const byCountThenIds = (x: { a: string; b: string; count: number }, y: { a: string; b: string; count: number }) =>
  y.count - x.count || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0);

/**
 * Pairs of rows linked to the same owners (co-investors: two investors in one round), counted in SQL: the links
 * joined to the other links of their owner, grouped by the pair, `having count >= min`. The owner conditions are
 * written on the first link only (both links belong to the same owner).
 */
export async function linkPairCounts(atlas: Atlas, collection: Collection, columnId: string, options: LinkPairOptions): Promise<LinkPairs> {
  const { link } = columnOf(collection, columnId).relation;
  const table = sql.table(link.table);
  const first = ref(COPIES_ALIAS, link.to);
  const second = ref('pb', link.to);
  const conditions = [...options.copies];
  if (options.owners) conditions.push(sql<boolean>`${ref(COPIES_ALIAS, link.from)} in (select ${sql.ref(`${collection.table}.id`)} from ${sql.table(collection.table)} where ${options.owners})`);
  const join = sql`from ${table} ${sql.raw(COPIES_ALIAS)} join ${table} pb on ${ref('pb', link.from)} = ${ref(COPIES_ALIAS, link.from)}`;
  const where = (extra: RawBuilder<boolean>) => sql.join([...conditions, extra], sql` and `);
  // One linked row: its partners, grouped by the partner alone; otherwise each pair once (first < second).
  const query = options.around
    ? sql<{ a: string; b: string; n: number | string; total: number | string }>`select ${first} as a, ${second} as b, count(*) as n, count(*) over () as total
        ${join} where ${where(sql<boolean>`${first} = ${options.around} and ${second} <> ${options.around}`)}
        group by ${first}, ${second} having count(*) >= ${options.min}
        order by n desc, b limit ${options.limit}`
    : sql<{ a: string; b: string; n: number | string; total: number | string }>`select ${first} as a, ${second} as b, count(*) as n, count(*) over () as total
        ${join} where ${where(sql<boolean>`${second} > ${first}`)}
        group by ${scanGroupKey(atlas.dialect, first)}, ${scanGroupKey(atlas.dialect, second)} having count(*) >= ${options.min}
        order by n desc, a, b limit ${options.limit}`;
  const { rows } = await query.execute(atlas.db);
  // Either order of a pair comes back from SQL (collations differ between dialects): JavaScript's order decides.
  const pairs = rows.map((r) => {
    const [a, b] = [String(r.a), String(r.b)].sort();
    return { a, b, count: Number(r.n) };
  });
  return { pairs: pairs.sort(byCountThenIds), total: rows.length ? Number(rows[0].total) : 0 };
}

/**
 * SQLite bulk writes (migration 025, decision 029): add the pairs of investors and the investors' rounds of every
 * round in `analysis_touched`, as the rounds are now, per bucket of the funded company's layer and region and the
 * round's year — one grouped upsert per kept table (their triggers took each round's contribution off when the
 * round was first touched). Fund rows count nowhere.
 */
export async function addTouchedPairs(trx: Executor): Promise<void> {
  const { link } = columnOf(getCollection('investments'), 'investors').relation;
  const table = sql.table(link.table);
  const bucket = sql`coalesce(c.layer, ''), coalesce(c.region, ''), coalesce(substr(i.announced_on, 1, 4), '')`;
  const rounds = sql`from analysis_touched t join investments i on i.id = t.investment_id join companies c on c.id = i.company_id`;
  const notFund = sql`(i.round_type is null or i.round_type <> 'fund')`;
  const pairs = sql`join ${table} p on ${ref('p', link.from)} = i.id join ${table} q on ${ref('q', link.from)} = i.id and ${ref('q', link.to)} > ${ref('p', link.to)}`;
  const [a, b] = [ref('p', link.to), ref('q', link.to)];
  await sql`insert into co_investment_counts (layer, region, year, investor_a, investor_b, rounds)
    select ${bucket}, ${a}, ${b}, count(*) ${rounds} ${pairs} where ${notFund} group by ${bucket}, ${a}, ${b}
    on conflict (layer, region, year, investor_a, investor_b) do update set rounds = rounds + excluded.rounds`.execute(trx);
  await sql`insert into co_investment_totals (investor_a, investor_b, rounds)
    select ${a}, ${b}, count(*) ${rounds} ${pairs} where ${notFund} group by ${a}, ${b}
    on conflict (investor_a, investor_b) do update set rounds = rounds + excluded.rounds`.execute(trx);
  await sql`insert into co_investor_rounds (investor_id, layer, region, year, rounds)
    select ${a}, ${bucket}, count(*) ${rounds} join ${table} p on ${ref('p', link.from)} = i.id where ${notFund} group by ${a}, ${bucket}
    on conflict (investor_id, layer, region, year) do update set rounds = rounds + excluded.rounds`.execute(trx);
}
