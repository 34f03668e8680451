import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

// Kysely's SQLite driver prepares every query anew; preparing costs as much as running a small insert.
// This wrapper keeps prepared statements by SQL text (the oldest dropped first), so that a query Kysely
// compiles to the same SQL (every page of a list, every row of an import) is parsed by SQLite once.

const LIMIT = 200;

export type Prepare = (sql: string) => SqliteStatement;

const byDatabase = new WeakMap<object, Prepare>();

export function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase & { prepare: Prepare } {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql) as unknown as SqliteStatement;
        if (statements.size >= LIMIT) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Remember which cached statements belong to a Kysely instance (SQLite only). */
export function bindStatements(db: object, prepare: Prepare): void {
  byDatabase.set(db, prepare);
}

/**
 * The cached prepared statements of a SQLite Kysely instance, for the import's bulk writer: it runs the SQL
 * Kysely compiled, row after row, synchronously inside the transaction Kysely opened (which holds the only
 * connection). Null on PostgreSQL.
 */
export function statementsOf(db: object): Prepare | null {
  return byDatabase.get(db) ?? null;
}
