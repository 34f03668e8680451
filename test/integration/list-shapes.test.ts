import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEW_TIES, SORT_INDEXED, listPlan, type PageShape } from '../../db/list-plan';
import { listRows, pageQuery } from '../../db/rows';
import { notNullColumn } from '../../db/where';
import { COLLECTIONS, getCollection } from '../../lib/collections';
import type { Collection } from '../../lib/collections/types';
import { parseQuery } from '../../lib/query/parse';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
import { insertShapeRows } from '../support/list-rows';

// Rounds and companies read a page in one of two shapes (db/list-plan.ts: walk the sort column's index, or
// filter first and sort), with the total from the kept counts when it can. Whatever the shape, a page holds the
// rows, in the order, of the plain query — nulls last either way, ties broken by id in the same direction — and
// the total is the count of the rows. Checked for every sortable column, both directions, several filters and
// pages, on rows full of nulls and ties; and the schema has the index each sortable column needs.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await insertShapeRows(t.atlas);
});
afterAll(async () => t.cleanup());

const PAGE_SIZE = 7;

/** Filters of each collection: broad and narrow facet values, a kept and an unkept one, several at once, a null test. */
const FILTERS: Record<string, string[]> = {
  investments: ['', 'round_type=seed', 'round_type=ipo', 'confidence=verified', 'disputed=1', 'round_type=seed&round_type=ipo', 'round_type=seed&announced_on__gte=2020-01-01', 'amount_usd__isnull=1', 'company_id=c-0003', 'investor=c-0001', 'investor=c-0017', 'lead=c-0002&round_type=seed'],
  companies: ['', 'layer=foundation', 'country=SG', 'kind=investor&country=US', 'founded_year__gte=2010', 'layer__isnull=1'],
};

const sortable = (collection: Collection) => collection.columns.filter((c) => c.sortable && !c.virtual);

/** The plain query's ids and count: ORDER BY the column, nulls last, then id, in one direction; written out here. */
async function plain(query: string): Promise<{ ids: string[]; total: number }> {
  const [collectionId, params] = query.split('?');
  const spec = parseQuery(getCollection(collectionId), new URLSearchParams(params));
  const table = sql.table(spec.collection.table);
  const where = await whereOf(query);
  const dir = sql.raw(spec.sort.order);
  const order = spec.sort.column.id === 'id' ? sql`id ${dir}` : sql`${sql.ref(spec.sort.column.id)} ${dir} nulls last, id ${dir}`;
  const all = await sql<{ id: string }>`select id from ${table}${where} order by ${order}`.execute(t.atlas.db);
  const ids = all.rows.map((r) => r.id);
  const from = (spec.page - 1) * spec.pageSize;
  return { ids: ids.slice(from, from + spec.pageSize), total: ids.length };
}

/** Rounds with a participant (a lead) that is the investor or one of its children, written out from the registry's link table. */
function linkedTo(investor: string, lead: boolean) {
  const { link } = getCollection('investments').columns.find((c) => c.id === 'investors')!.relation!;
  const investors = sql`select id from companies where id = ${investor} or parent_id = ${investor}`;
  return sql`id in (select ${sql.ref(link.from)} from ${sql.table(link.table)} where ${sql.ref(link.to)} in (${investors})${lead ? sql` and is_lead = 1` : sql``})`;
}

/** The WHERE of a test query, written out from its parameters (facet values, ranges, nulls, investors). */
async function whereOf(query: string) {
  const params = new URLSearchParams(query.split('?')[1]);
  const parts = [];
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) if (!['sort', 'order', 'page', 'pageSize'].includes(key)) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  for (const [key, values] of grouped) {
    const [column, op] = key.split('__');
    const ref = sql.ref(column);
    if (key === 'investor' || key === 'lead') parts.push(linkedTo(values[0], key === 'lead'));
    else if (op === 'gte') parts.push(sql`${ref} >= ${column === 'founded_year' ? Number(values[0]) : values[0]}`);
    else if (op === 'isnull') parts.push(values[0] === '1' ? sql`${ref} is null` : sql`${ref} is not null`);
    else parts.push(sql`${ref} in (${sql.join(values.map((v) => (column === 'disputed' ? Number(v) : v)))})`);
  }
  return parts.length ? sql` where ${sql.join(parts, sql` and `)}` : sql``;
}

async function shaped(query: string, shape: PageShape | 'auto'): Promise<{ ids: string[]; total: number }> {
  const [collectionId, params] = query.split('?');
  const spec = parseQuery(getCollection(collectionId), new URLSearchParams(params));
  if (shape === 'auto') {
    const page = await listRows(t.atlas, spec);
    return { ids: page.rows.map((r) => String(r.id)), total: page.total };
  }
  const plan = await listPlan(t.atlas, spec);
  if (!plan) throw new Error(`${query}: no plan`);
  if (shape === 'filter first' && spec.filters.length === 0 && spec.relations.length === 0) return shaped(query, 'walk');
  const { rows } = await t.atlas.db.executeQuery<{ id: string }>(pageQuery(t.atlas, spec, { plan: { ...plan, shape } }).compile());
  return { ids: rows.map((r) => r.id), total: plan.total };
}

describe('list shapes', () => {
  for (const collectionId of SORT_INDEXED) {
    const collection = getCollection(collectionId);
    it(`${collectionId}: every shape gives the plain query's page and total, for every sortable column`, async () => {
      let compared = 0;
      for (const column of sortable(collection)) {
        for (const order of ['asc', 'desc']) {
          for (const filter of FILTERS[collectionId]) {
            const base = `${collectionId}?${filter ? `${filter}&` : ''}sort=${column.id}&order=${order}&pageSize=${PAGE_SIZE}`;
            const first = await plain(`${base}&page=1`);
            const last = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
            for (const page of [...new Set([1, 2, Math.ceil(last / 2), last, last + 1])]) {
              const query = `${base}&page=${page}`;
              const expected = await plain(query);
              for (const shape of ['walk', 'filter first', 'auto'] as const) {
                expect(await shaped(query, shape), `${query} (${shape})`).toEqual(expected);
                compared++;
              }
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
    }, 180_000);
  }

  it('the rows have nulls and ties in every sortable column, and facet values matching many and few rows', async () => {
    for (const collectionId of SORT_INDEXED) {
      const table = sql.table(collectionId);
      for (const column of sortable(getCollection(collectionId))) {
        const ref = sql.ref(column.id);
        const { rows } = await sql<{ nulls: number | string; distinct_values: number | string; n: number | string }>`select count(*) - count(${ref}) as nulls, count(distinct ${ref}) as distinct_values, count(*) as n from ${table}`.execute(t.atlas.db);
        const [r] = rows;
        if (!notNullColumn(column)) expect(Number(r.nulls), `${collectionId}.${column.id} nulls`).toBeGreaterThan(0);
        if (column.id !== 'id') expect(Number(r.distinct_values), `${collectionId}.${column.id} ties`).toBeLessThan(Number(r.n) - Number(r.nulls));
      }
    }
    const plans = await Promise.all(
      ['investments?round_type=seed', 'investments?round_type=ipo', 'companies?layer=foundation', 'companies?country=SG'].map(async (query) => {
        const [id, params] = query.split('?');
        return (await listPlan(t.atlas, parseQuery(getCollection(id), new URLSearchParams(params))))?.shape;
      }),
    );
    expect(plans).toEqual(['walk', 'filter first', 'walk', 'filter first']);
  });

  it('every sortable column of rounds and companies leads an index with the id next (migration 022)', async () => {
    for (const collectionId of SORT_INDEXED) {
      const indexes = await indexColumns(collectionId);
      for (const column of sortable(getCollection(collectionId))) {
        const wanted = column.id === 'id' || FEW_TIES.has(`${collectionId}.${column.id}`) ? [column.id] : [column.id, 'id'];
        expect(indexes.some((columns) => wanted.every((c, i) => columns[i] === c)), `${collectionId}.${column.id}: ${JSON.stringify(indexes)}`).toBe(true);
      }
    }
  });

  it('the columns ordered without `nulls last` are NOT NULL in the schema, in every collection', async () => {
    for (const collection of COLLECTIONS) {
      const nullable = await nullableColumns(collection.table);
      for (const column of sortable(collection).filter(notNullColumn)) expect(nullable.get(column.id), `${collection.id}.${column.id}`).toBe(false);
    }
  });

  it.runIf(TEST_DIALECT === 'sqlite')('SQLite: a broad filter walks the sort index, a narrow one reads its own index and sorts', async () => {
    const plan = async (query: string, shape: PageShape) => {
      const spec = parseQuery(getCollection('investments'), new URLSearchParams(query));
      const compiled = pageQuery(t.atlas, spec, { plan: { total: 1, shape } }).compile();
      const { rows } = await t.atlas.db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
      return rows.map((r) => r.detail).join(' | ');
    };
    const broad = await plan('round_type=seed&sort=amount_usd&order=desc', 'walk');
    expect(broad).toContain('investments_amount_id_idx');
    expect(broad).not.toContain('TEMP B-TREE FOR ORDER BY');
    const narrow = await plan('round_type=ipo&sort=amount_usd&order=desc', 'filter first');
    expect(narrow).toMatch(/investments_round_(date|sort)_idx \(round_type=\?\)/);
  });
});

/** The leading columns of each index of a table (the primary key's too). */
async function indexColumns(table: string): Promise<string[][]> {
  if (TEST_DIALECT === 'postgres') {
    const { rows } = await sql<{ columns: string[] }>`select array_agg(a.attname::text order by k.ord) as columns
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord) join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where c.relname = ${table} and n.nspname = current_schema() group by i.indexrelid`.execute(t.atlas.db);
    return rows.map((r) => r.columns);
  }
  const { rows: list } = await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(t.atlas.db);
  const out: string[][] = [];
  for (const { name } of list) {
    const { rows } = await sql<{ name: string }>`select name from pragma_index_info(${name}) order by seqno`.execute(t.atlas.db);
    out.push(rows.map((r) => r.name));
  }
  return out;
}

/** Whether each column of a table may hold a null. */
async function nullableColumns(table: string): Promise<Map<string, boolean>> {
  if (TEST_DIALECT === 'postgres') {
    const { rows } = await sql<{ name: string; nullable: string }>`select column_name as name, is_nullable as nullable from information_schema.columns
      where table_name = ${table} and table_schema = current_schema()`.execute(t.atlas.db);
    return new Map(rows.map((r) => [r.name, r.nullable === 'YES']));
  }
  const { rows } = await sql<{ name: string; notnull: number; pk: number }>`select name, "notnull", pk from pragma_table_info(${table})`.execute(t.atlas.db);
  return new Map(rows.map((r) => [r.name, r.notnull === 0 && r.pk === 0]));
}
