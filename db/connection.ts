import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type KyselyConfig } from 'kysely';
import pg from 'pg';
import { readEnv } from '../lib/env';
import type { DialectName } from './dialect';
import { migrations } from './migrations';
import { SqliteLanesDialect } from './sqlite-lanes';
import { defaultReadWorkers, ReadPool, readPoolDialect } from './read-pool';
import type { Database } from './types';

export const DEFAULT_SQLITE_PATH = path.join(process.cwd(), 'var', 'atlas.db');

export interface Atlas {
  db: Kysely<Database>;
  dialect: DialectName;
  /** SQLite files opened by getAtlas: read-only connections in worker threads for reads that run side by side. */
  reads?: { pool: ReadPool; db: Kysely<Database> };
}

// int8 and numeric arrive from pg as strings; money fits in a double exactly (< 2^53).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function describeUrl(url: string | undefined): { dialect: DialectName; target: string } {
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', target: url };
  if (!url) return { dialect: 'sqlite', target: DEFAULT_SQLITE_PATH };
  return { dialect: 'sqlite', target: url.startsWith('file:') ? url.slice('file:'.length).replace(/^\/\/(?=\/)/, '') : url };
}

/**
 * Every SQLite connection of the app is set up so (bench/bare-server.ts applies the same to its baseline). A writer
 * in another process waits up to busy_timeout for the one writing (an import of a million rounds holds the write
 * lock for minutes) rather than failing with SQLITE_BUSY: docs/decisions/030-import-write-path.md.
 */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'foreign_keys = ON', 'synchronous = NORMAL', 'busy_timeout = 900000'];

/** The PostgreSQL clients of every pool opened here, by backend process id (pg_backend_pid()). */
export const pgClients = new Map<number, pg.PoolClient>();

/** Statements kept prepared per SQLite connection: each query shape is compiled once, not on every call. */
const PREPARED_STATEMENTS = 200;

/**
 * Kysely's SQLite driver prepares every query it runs; an import runs the same few multi-row statements thousands
 * of times, and every list request the same few statements with other values. The connection keeps the most
 * recently used statements prepared, by their SQL text (values are bound when a statement runs); a statement is
 * only ever used by the one query that holds the writer, or run to its end at once on the reader
 * (db/sqlite-lanes.ts), so none is used twice at once. Decisions 030 and 037.
 */
function cachePreparedStatements(sqlite: BetterSqlite3.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, BetterSqlite3.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    // A statement still being iterated (two equal CSV exports at once) cannot run again: a fresh one serves.
    if (statement?.busy) return prepare(source);
    if (statement) cache.delete(source);
    else statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > PREPARED_STATEMENTS) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * The atlas for independent reads started together (a board's tiles): on SQLite the read pool's threads, so that
 * they run side by side; otherwise the atlas itself (PostgreSQL's pool already runs them on separate connections).
 * Reads only: a write or a transaction on it fails.
 */
export function forConcurrentReads(atlas: Atlas): Atlas {
  return atlas.reads ? { db: atlas.reads.db, dialect: atlas.dialect } : atlas;
}

/** The read pool of a SQLite file, unless `size` is 0 or the database lives in memory (no other connection sees it). */
function readsFor(target: string, size: number): Atlas['reads'] {
  if (size === 0 || target === ':memory:' || target.startsWith('file::memory:')) return undefined;
  const pool = new ReadPool(target, { size });
  return { pool, db: new Kysely<Database>({ dialect: readPoolDialect(pool) }) };
}

/** Open (not migrate) the database of a URL; `log` sees every query, as the benchmarks use it. */
export function openAtlas(url: string | undefined, options: { log?: KyselyConfig['log'] } = {}): Atlas {
  const { dialect, target } = describeUrl(url);
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    // Bulk writes reach the pool's client of their transaction by its backend process id (db/bulk-insert.ts).
    pool.on('connect', (client) => pgClients.set((client as pg.PoolClient & { processID: number }).processID, client));
    pool.on('remove', (client) => pgClients.delete((client as pg.PoolClient & { processID: number }).processID));
    return { dialect, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log }) };
  }
  if (target !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const sqlite = new BetterSqlite3(target);
  for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
  cachePreparedStatements(sqlite);
  // A file gets a second, read-only connection for reads, so they never wait for a writer (db/sqlite-lanes.ts).
  const openReader = () => {
    const reader = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
    reader.pragma('busy_timeout = 5000');
    cachePreparedStatements(reader);
    return reader;
  };
  const sqliteDialect = target === ':memory:' ? new SqliteDialect({ database: sqlite }) : new SqliteLanesDialect(sqlite, openReader);
  const db = new Kysely<Database>({ dialect: sqliteDialect, log: options.log });
  return { dialect, db };
}

/** The migrator of our static migrations for a database. */
export async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  // On PostgreSQL keep the migration tables in the schema the connection works in (search_path),
  // or Kysely would find another schema's tables.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  // Unordered: branches developed side by side land their numbered migrations in any order; each runs once.
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema, allowUnorderedMigrations: true });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error, results } = await (await migratorFor(db)).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type Ready = Promise<Atlas>;
const registry = globalThis as typeof globalThis & { __atlas?: Map<string, Ready>; __atlasClose?: () => Promise<void> };

/**
 * The process-wide database for the configured DATABASE_URL, migrated and (unless ATLAS_SEED=off)
 * seeded on first use. Kept on globalThis because Next.js may load this module once per route bundle.
 */
export function getAtlas(): Ready {
  const env = readEnv();
  const key = env.DATABASE_URL ?? DEFAULT_SQLITE_PATH;
  registry.__atlas ??= new Map();
  // How scripts/serve.mjs (npm start) closes the database when it shuts down.
  registry.__atlasClose ??= closeAtlas;
  let ready = registry.__atlas.get(key);
  if (!ready) {
    ready = (async () => {
      const atlas = openAtlas(env.DATABASE_URL);
      await migrateToLatest(atlas.db);
      if (env.ATLAS_SEED === 'on') {
        const { seedIfEmpty } = await import('./seed');
        await seedIfEmpty(atlas);
      }
      const { dialect, target } = describeUrl(env.DATABASE_URL);
      // Threads start when a read first needs one, on the migrated file.
      return dialect === 'sqlite' ? { ...atlas, reads: readsFor(target, env.ATLAS_READ_WORKERS ?? defaultReadWorkers()) } : atlas;
    })();
    ready.catch(() => registry.__atlas?.delete(key));
    registry.__atlas.set(key, ready);
  }
  return ready;
}

export async function closeAtlas(): Promise<void> {
  const all = [...(registry.__atlas?.values() ?? [])];
  registry.__atlas?.clear();
  for (const ready of all) {
    const atlas = await ready.catch(() => null);
    await atlas?.reads?.pool.close();
    await atlas?.db.destroy();
  }
}
