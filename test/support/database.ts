import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeAtlas, getAtlas, type Atlas } from '../../db/connection';

export const TEST_DIALECT = process.env.ATLAS_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_URL = process.env.ATLAS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Run one statement on the test PostgreSQL as its admin connection (create or drop a test's schema). */
export async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A connection URL whose connections work in the given schema of the test PostgreSQL. */
export const pgUrlFor = (schema: string): string => `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

export interface TestDatabase {
  atlas: Atlas;
  cleanup: () => Promise<void>;
}

/**
 * A fresh real database for one test file: a new SQLite file, or a new schema in the test PostgreSQL
 * database (selected by ATLAS_TEST_DB=postgres). DATABASE_URL points at it, so route handlers use it too.
 */
export async function useTestDatabase(options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  let drop: () => Promise<void>;
  if (TEST_DIALECT === 'postgres') {
    await pgAdmin(`create schema ${name}`);
    process.env.DATABASE_URL = pgUrlFor(name);
    drop = () => pgAdmin(`drop schema ${name} cascade`);
  } else {
    const file = path.join(os.tmpdir(), `atlas-${name}.db`);
    process.env.DATABASE_URL = file;
    drop = async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    };
  }
  process.env.ATLAS_SEED = options.seed ? 'on' : 'off';
  const atlas = await getAtlas();
  return {
    atlas,
    cleanup: async () => {
      await closeAtlas();
      await drop();
    },
  };
}
