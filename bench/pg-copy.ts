import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openAtlas } from '../db/connection';
import { getCollection, linkTableOf } from '../lib/collections';

// The SQLite benchmark data in a fresh PostgreSQL schema, for the benchmarks that compare the two databases.

export const BENCH_PG_URL = process.env.BENCH_PG_URL ?? process.env.ATLAS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A URL whose connections work in `schema` of the benchmark PostgreSQL. */
export const pgSchemaUrl = (schema: string) => `${BENCH_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const dropPgSchema = (schema: string) => admin(`drop schema if exists ${schema} cascade`);

/** Copy the SQLite file's companies, rounds and participants into a new migrated schema (rows as they are; the triggers keep the counts), vacuumed and analysed. */
export async function copyToPostgres(file: string, schema: string): Promise<string> {
  await dropPgSchema(schema);
  await admin(`create schema ${schema}`);
  const url = pgSchemaUrl(schema);
  const atlas = openAtlas(url);
  await migrateToLatest(atlas.db);
  const source = new BetterSqlite3(file, { readonly: true });
  try {
    for (const table of ['companies', 'investments', linkTableOf(getCollection('investments'), 'investors').table]) {
      const rows = source.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
      const columns = rows.length ? Object.keys(rows[0]).length : 1;
      const batch = Math.floor(30_000 / columns);
      for (let i = 0; i < rows.length; i += batch) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of three tables copied as they are
        await atlas.db.insertInto(table as any).values(rows.slice(i, i + batch) as any).execute();
      }
    }
    // As autovacuum leaves a table after a bulk load: statistics, and the visibility map that index-only scans need.
    await sql`vacuum analyze`.execute(atlas.db);
  } finally {
    source.close();
    await atlas.db.destroy();
  }
  return url;
}

const shared = new Map<string, { schema: string; url: Promise<string> }>();

/**
 * One PostgreSQL copy of a benchmark file per process (schema `bench_shared_<n>`), shared by the parts that run on
 * both databases (lists, facets, search, concentration) so that a million rounds are copied once per `npm run bench`.
 * Read-only for them: no part writes to it. Dropped by dropSharedPgCopies.
 */
export function sharedPgCopy(file: string): Promise<string> {
  let copy = shared.get(file);
  if (!copy) {
    const schema = `bench_shared_${shared.size + 1}`;
    copy = { schema, url: copyToPostgres(file, schema) };
    shared.set(file, copy);
  }
  return copy.url;
}

export async function dropSharedPgCopies(): Promise<void> {
  for (const { schema } of shared.values()) await dropPgSchema(schema).catch(() => undefined);
  shared.clear();
}
