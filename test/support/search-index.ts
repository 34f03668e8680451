import { sql, type RawBuilder } from 'kysely';
import { expect } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import type { Atlas } from '../../db/connection';
import { likePattern } from '../../db/dialect';
import { ftsTableOf, searchedColumns } from '../../db/search';
import { orderOf } from '../../db/where';
import { parseQuery } from '../../lib/query/parse';
import { COLLECTIONS, getCollection } from '../../lib/collections';
import type { Collection } from '../../lib/collections/types';
import { call } from './http';

// What `q` finds through the app (its search indexes: FTS5 on SQLite, pg_trgm on PostgreSQL) must be what a
// LIKE scan of the rows finds: today's semantics, computed here from the registry without any search index.

/**
 * Terms of every kind: shorter than 3 characters (a scan), 3 and more (the index), Chinese, mixed case, LIKE's
 * wildcards and escape, FTS5's syntax (quotes, *, :, -, ^, parentheses, NEAR, AND, OR, NOT), non-ASCII case.
 */
export const TERMS = [
  'ai', 'AI', 'openai', 'OPENai', 'OpenAI Startup', 'harvey', 'HARVEY', 'ven', 'x', 'quo',
  '智谱', '智谱AI', '智谱ai', '智谱清言', '微软', '百度文心', '红杉领投', '赢家通吃',
  '%', '_', '50%', '(50%)', 'x_y', 'x%y', 'a_b', '\\', 'a\\b', "'", "it's",
  '"', '"A"', 'A" (', '*', 'round*', 'winner*takes', ':', 'sheet:', 'sheet: "A"', '-', 'NEAR', 'near', 'NEAR-final', 'NEAR(a b)', 'near(',
  '(', ')', 'AND', 'AND/OR NOT', 'OR', 'NOT', '^', '^x_y', 'Ä', 'ärger', 'ÄRGER', 'Straße', 'STRASSE', '🙂', 'über 🙂',
];

/** The collections whose rows `q` searches. */
export const SEARCHABLE = COLLECTIONS.filter((c) => c.columns.some((column) => column.search && !column.virtual));

/** `q`'s condition as a scan: any search column contains the term (ref columns: the target's name or Chinese name). */
function scan(atlas: Atlas, collection: Collection, term: string): RawBuilder<boolean> {
  const pattern = likePattern(term);
  const like = (ref: string) => (atlas.dialect === 'postgres' ? sql`${sql.ref(ref)} ilike ${pattern} escape '\\'` : sql`${sql.ref(ref)} like ${pattern} escape '\\'`);
  const parts = collection.columns
    .filter((c) => c.search && !c.virtual)
    .map((c) => {
      if (c.type !== 'ref') return like(`${collection.table}.${c.id}`);
      const target = getCollection(c.ref ?? '');
      const zh = target.columns.find((t) => t.id === target.titleColumn)?.zhTwin;
      const names = [target.titleColumn, ...(zh ? [zh] : [])].map((t) => like(`scan_t.${t}`));
      return sql`${sql.ref(`${collection.table}.${c.id}`)} in (select scan_t.id from ${sql.table(target.table)} as scan_t where ${sql.join(names, sql` or `)})`;
    });
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Ids of the rows the scan finds, sorted. On PostgreSQL without bitmap scans: GIN indexes answer no other way. */
export async function scanned(atlas: Atlas, collection: Collection, term: string): Promise<string[]> {
  const query = sql<{ id: string }>`select ${sql.ref(`${collection.table}.id`)} as id from ${sql.table(collection.table)} where ${scan(atlas, collection, term)}`;
  const rows =
    atlas.dialect === 'postgres'
      ? await atlas.db.transaction().execute(async (trx) => {
          await sql`set local enable_bitmapscan = off`.execute(trx);
          return (await query.execute(trx)).rows;
        })
      : (await query.execute(atlas.db)).rows;
  return rows.map((r) => r.id).sort();
}

/** Ids `q` finds through the list endpoint (page after page of 1,000), sorted, and the total it reports. */
export async function searched(collection: Collection, term: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; page === 1 || ids.length < total; page++) {
    const url = `/api/v1/${collection.id}?${new URLSearchParams({ q: term, pageSize: '1000', page: String(page) })}`;
    const reply = await call(list.GET, url, { collection: collection.id });
    expect(reply.status, `${url}: ${JSON.stringify(reply.body)}`).toBe(200);
    const rows = reply.body.rows as { id: string }[];
    ids.push(...rows.map((r) => r.id));
    total = reply.body.total as number;
    if (rows.length === 0) break;
  }
  return { ids: ids.sort(), total };
}

/**
 * Pages 1..pages of `q` through the list endpoint equal the scan's rows in the spec's order, page for page
 * (whichever way the page is read: from the matches, or walking the rows in order).
 */
export async function expectPagesAgree(atlas: Atlas, collection: Collection, query: Record<string, string>, pages: number): Promise<void> {
  const spec = parseQuery(collection, new URLSearchParams(query));
  const ordered = await sql<{ id: string }>`select ${sql.ref(`${collection.table}.id`)} as id from ${sql.table(collection.table)}
      where ${scan(atlas, collection, spec.q ?? '')} order by ${orderOf(spec)}`.execute(atlas.db);
  const expected = ordered.rows.map((r) => r.id);
  for (let page = 1; page <= pages; page++) {
    const url = `/api/v1/${collection.id}?${new URLSearchParams({ ...query, page: String(page) })}`;
    const reply = await call(list.GET, url, { collection: collection.id });
    expect(reply.status, `${url}: ${JSON.stringify(reply.body)}`).toBe(200);
    expect((reply.body.rows as { id: string }[]).map((r) => r.id), url).toEqual(expected.slice((page - 1) * spec.pageSize, page * spec.pageSize));
    expect(reply.body.total, `${url} total`).toBe(expected.length);
  }
}

/** SQLite: each FTS5 table equals its collection's rows ('integrity-check' with rank 1 compares the index with them). */
export async function expectIndexesIntact(atlas: Atlas): Promise<void> {
  if (atlas.dialect !== 'sqlite') return;
  for (const collection of SEARCHABLE) {
    const fts = ftsTableOf(collection);
    if (fts) await sql`insert into ${sql.table(fts)} (${sql.ref(fts)}, rank) values ('integrity-check', 1)`.execute(atlas.db);
  }
}

/** For every searchable collection and term: the endpoint's rows and total equal the scan's. */
export async function expectSearchAgrees(atlas: Atlas, terms: readonly string[] = TERMS): Promise<void> {
  await expectIndexesIntact(atlas);
  for (const collection of SEARCHABLE) {
    for (const term of terms) {
      const expected = await scanned(atlas, collection, term);
      const found = await searched(collection, term);
      expect(found.ids, `${collection.id} q=${term}`).toEqual(expected);
      expect(found.total, `${collection.id} q=${term} total`).toBe(expected.length);
    }
  }
}

/** The columns each search index holds (sorted), per collection id: FTS5 columns on SQLite, trigram-indexed columns on PostgreSQL. */
export async function indexedColumns(atlas: Atlas): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const collection of COLLECTIONS) {
    if (atlas.dialect === 'sqlite') {
      const fts = `${collection.table}_fts`;
      const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${fts})`.execute(atlas.db);
      result[collection.id] = rows.map((r) => r.name).sort();
    } else {
      const { rows } = await sql<{ column: string }>`select a.attname as column from pg_index i
          join pg_class t on t.oid = i.indrelid join pg_class x on x.oid = i.indexrelid join pg_am am on am.oid = x.relam
          join pg_opclass oc on oc.oid = i.indclass[0] join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
          where t.relnamespace = current_schema()::regnamespace and t.relname = ${collection.table} and am.amname = 'gin' and oc.opcname = 'gin_trgm_ops'
`.execute(atlas.db);
      result[collection.id] = rows.map((r) => r.column).sort();
    }
  }
  return result;
}

/** What indexedColumns must be: each collection's searched columns in the registry (sorted). */
export const registryColumns = (): Record<string, string[]> =>
  Object.fromEntries(COLLECTIONS.map((c) => [c.id, searchedColumns(c).map((column) => column.id).sort()]));
