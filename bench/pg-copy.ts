import { once } from 'node:events';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { applyCountDeltas, CountDeltas } from '../db/bulk-writes';
import { migrateToLatest, openAtlas } from '../db/connection';
import { getCollection, linkTableOf } from '../lib/collections';

// The SQLite benchmark data in a fresh PostgreSQL schema, for the benchmarks that compare the two databases, and
// the COPY FROM STDIN writer the bare limit of PostgreSQL uses (bench/csv-raw.ts).

export const BENCH_PG_URL = process.env.BENCH_PG_URL ?? process.env.ATLAS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A URL whose connections work in `schema` of the benchmark PostgreSQL. */
export const pgSchemaUrl = (schema: string) => `${BENCH_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

export async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const dropPgSchema = (schema: string) => admin(`drop schema if exists ${schema} cascade`);

/** One value in COPY's text format: \N for null, backslash escapes for the characters that end a field or row. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/** A COPY FROM STDIN into `table`: write rows (arrays of values) to it, then end it; writes wait while the stream is full. */
export function copyInto(client: pg.PoolClient | pg.Client, table: string, columns: readonly string[]) {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  let buffer = '';
  const send = async () => {
    const full = !stream.write(buffer);
    buffer = '';
    if (full) await once(stream, 'drain');
  };
  return {
    async row(values: readonly unknown[]): Promise<void> {
      buffer += `${values.map(copyText).join('\t')}\n`;
      if (buffer.length > 256 * 1024) await send();
    },
    /** Add a row without waiting: the caller flushes (`drain`) at points where it can wait. */
    push(values: readonly unknown[]): void {
      buffer += `${values.map(copyText).join('\t')}\n`;
    },
    async drain(): Promise<void> {
      if (buffer.length > 0) await send();
    },
    async end(): Promise<void> {
      if (buffer) stream.write(buffer);
      buffer = '';
      stream.end();
      await once(stream, 'finish');
    },
  };
}

const COPY_CHUNK = 50_000;

/**
 * BENCH_PG_SCHEMA: a copy of the benchmark file made earlier (by copyToPostgres, e.g. in a run cut short), used instead
 * of copying a million rounds again (~5 minutes) and kept afterwards. The caller vouches that it holds the same data.
 */
export function reusedPgSchema(): string | null {
  const schema = process.env.BENCH_PG_SCHEMA;
  if (!schema) return null;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`BENCH_PG_SCHEMA must be a plain schema name, got ${JSON.stringify(schema)}`);
  return pgSchemaUrl(schema);
}

/** Copy the SQLite file's companies, rounds and participants into a new migrated schema (rows as they are; the triggers keep the counts), vacuumed and analysed. */
export async function copyToPostgres(file: string, schema: string): Promise<string> {
  await dropPgSchema(schema);
  await admin(`create schema ${schema}`);
  const url = pgSchemaUrl(schema);
  const atlas = openAtlas(url);
  await migrateToLatest(atlas.db);
  await atlas.db.destroy();
  const source = new BetterSqlite3(file, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    for (const table of ['companies', 'investments', linkTableOf(getCollection('investments'), 'investors').table]) {
      const statement = source.prepare(`select * from ${table}`);
      const columns = statement.columns().map((c) => c.name);
      // One COPY per 50,000 rows: the statement triggers (decision 029) then join transition tables of that size; one
      // COPY of 2,000,000 participants ran its pair counting for more than 15 minutes.
      let copy = copyInto(client, table, columns);
      let rows = 0;
      for (const row of statement.raw().iterate() as Iterable<unknown[]>) {
        await copy.row(row);
        if (++rows % COPY_CHUNK === 0) {
          await copy.end();
          copy = copyInto(client, table, columns);
        }
      }
      await copy.end();
    }
    await client.query('commit');
  } finally {
    source.close();
    await client.end();
  }
  // The counting triggers appended the rows' counts as deltas: fold them, as an import would at its end.
  const folding = openAtlas(url);
  try {
    await folding.db.transaction().execute((trx) => applyCountDeltas(trx, 'postgres', new CountDeltas()));
    // As autovacuum leaves a table after a bulk load: statistics, and the visibility map that index-only scans need.
    await sql`vacuum analyze`.execute(folding.db);
  } finally {
    await folding.db.destroy();
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
  const reused = reusedPgSchema();
  if (reused) return Promise.resolve(reused);
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
