// The raw drivers the benchmarks compare the app with: better-sqlite3 and node-postgres running statements the
// app ran (captured from Kysely's log) with the same bound values, and nothing else.
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_PRAGMAS } from '../db/connection';
import { BENCH_PG_URL } from './pg-copy';

export type Statement = { sql: string; parameters: readonly unknown[] };

export interface RawDriver {
  /** Run statements raw, in order; the rows of each. */
  run: (statements: readonly Statement[]) => Promise<unknown[][]>;
  close: () => Promise<void>;
}

/** better-sqlite3 on the file, set up with the app's pragmas, each statement prepared once. */
export function sqliteDriver(file: string): RawDriver {
  const db = new BetterSqlite3(file);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    run: async (statements) =>
      statements.map((s) => {
        let stmt = prepared.get(s.sql);
        if (!stmt) prepared.set(s.sql, (stmt = db.prepare(s.sql)));
        return stmt.reader ? stmt.all(...s.parameters) : (stmt.run(...s.parameters), []);
      }),
    close: async () => {
      db.close();
    },
  };
}

/** One node-postgres client; `setup` statements run once after connecting (e.g. planner settings). */
export async function pgDriver(url: string, setup: string[] = []): Promise<RawDriver> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const statement of setup) await client.query(statement);
  return {
    run: async (statements) => {
      const out: unknown[][] = [];
      for (const s of statements) out.push((await client.query(s.sql, s.parameters as unknown[])).rows);
      return out;
    },
    close: () => client.end(),
  };
}

/** Whether the benchmark PostgreSQL answers (the PostgreSQL halves of the benchmarks are skipped otherwise, or with BENCH_SKIP_PG=1). */
export async function postgresAnswers(): Promise<boolean> {
  if (process.env.BENCH_SKIP_PG === '1') return false;
  const client = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
