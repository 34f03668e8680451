import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. PostgreSQL only (SQLite has one writer at a time). The counts
// kept by the triggers of migrations 008 and 009 are rows that every writer of rounds updates: two transactions
// that each took a counter row the other then needs would deadlock, and PostgreSQL would abort one of them (an
// import of a million rounds, say, because someone added a round meanwhile). Each statement that writes rounds
// or participants first takes one transaction-scoped lock per schema, so writers of rounds wait for each other
// instead (test/integration/counts-concurrency.test.ts; docs/decisions/011-investment-facet-counts.md).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;
const TABLES = ['investments', 'investment_participants'];

export async function up(db: Db): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create function round_writers_lock() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(hashtext(tg_table_schema || '.round_writers'));
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`create trigger round_writers_lock before insert or update or delete on ${sql.table(table)}
      for each statement execute function round_writers_lock()`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (!isPostgres(db)) return;
  for (const table of TABLES) await sql`drop trigger if exists round_writers_lock on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists round_writers_lock()`.execute(db);
}
