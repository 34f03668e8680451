import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Indexes for `q` (docs/decisions/021-search-indexes.md). SQLite:
// one FTS5 table per collection with search columns, tokenizer trigram (any substring of 3+ characters,
// Chinese included), external content (the text stays in the collection's table, keyed by its rowid), filled
// from the rows here and kept in step by triggers on insert, update and delete. PostgreSQL: the pg_trgm
// extension and one GIN trigram index per search column, which ILIKE '%text%' uses. The columns are the
// registry's text columns marked `search: true` today, spelled out so that this migration means the same
// forever; test/integration/search-index.test.ts fails when the registry and the database disagree.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const SEARCHED: [string, string[]][] = [
  ['companies', ['name', 'name_zh', 'hq', 'description', 'description_zh']],
  ['investments', ['notes']],
  ['use_cases', ['product', 'description', 'description_zh', 'outcome']],
  ['market_shares', ['segment', 'notes']],
  ['hypotheses', ['code', 'title', 'title_zh', 'statement', 'statement_zh', 'source']],
  ['evidence', ['target_id', 'note', 'note_zh']],
  ['scenarios', ['title', 'title_zh', 'body', 'body_zh']],
];

const list = (columns: string[], row?: string) => sql.raw(columns.map((c) => (row ? `${row}.${c}` : c)).join(', '));

async function upSqlite(db: Db): Promise<void> {
  for (const [table, columns] of SEARCHED) {
    const fts = sql.raw(`${table}_fts`);
    const trigger = (event: string) => sql.raw(`${table}_fts_${event}`);
    const remove = sql`insert into ${fts} (${fts}, rowid, ${list(columns)}) values ('delete', old.rowid, ${list(columns, 'old')});`;
    const add = sql`insert into ${fts} (rowid, ${list(columns)}) values (new.rowid, ${list(columns, 'new')});`;
    await sql`create virtual table ${fts} using fts5(${list(columns)}, content=${sql.lit(table)}, content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`insert into ${fts} (${fts}) values ('rebuild')`.execute(db);
    await sql`create trigger ${trigger('insert')} after insert on ${sql.raw(table)} begin ${add} end`.execute(db);
    await sql`create trigger ${trigger('delete')} after delete on ${sql.raw(table)} begin ${remove} end`.execute(db);
    const changed = sql.raw(columns.map((c) => `old.${c} is not new.${c}`).join(' or '));
    await sql`create trigger ${trigger('update')} after update of ${list(columns)} on ${sql.raw(table)} when ${changed} begin ${remove} ${add} end`.execute(db);
  }
}

/**
 * The schema pg_trgm is installed in, installing it in `public` when the database has none: an extension is
 * one per database, and must outlive the schema of any one app (tests drop theirs, with what depends on it).
 */
async function trigramSchema(db: Db): Promise<string> {
  const installed = async () =>
    (await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)).rows[0]?.schema;
  // Apps migrating their own schemas at once in one database take turns here.
  await sql`select pg_advisory_xact_lock(hashtext('atlas: create extension pg_trgm'))`.execute(db);
  const found = await installed();
  if (found) return found;
  try {
    await sql`create extension pg_trgm schema public`.execute(db);
  } catch (error) {
    throw new Error(`search indexes need the PostgreSQL extension pg_trgm, which this user may not install (${(error as Error).message}); ask an administrator to run: create extension pg_trgm schema public`);
  }
  return (await installed()) ?? 'public';
}

async function upPostgres(db: Db): Promise<void> {
  const opclass = sql.id(await trigramSchema(db), 'gin_trgm_ops');
  for (const [table, columns] of SEARCHED) {
    for (const column of columns) {
      await sql`create index ${sql.raw(`${table}_${column}_trgm_idx`)} on ${sql.raw(table)} using gin (${sql.raw(column)} ${opclass})`.execute(db);
    }
  }
}

export async function up(db: Db): Promise<void> {
  await (isPostgres(db) ? upPostgres(db) : upSqlite(db));
}

export async function down(db: Db): Promise<void> {
  for (const [table, columns] of SEARCHED) {
    if (isPostgres(db)) {
      // The extension stays: other schemas of the database may use it.
      for (const column of columns) await sql`drop index if exists ${sql.raw(`${table}_${column}_trgm_idx`)}`.execute(db);
      continue;
    }
    for (const event of ['insert', 'delete', 'update']) await sql`drop trigger if exists ${sql.raw(`${table}_fts_${event}`)}`.execute(db);
    await sql`drop table if exists ${sql.raw(`${table}_fts`)}`.execute(db);
  }
}
