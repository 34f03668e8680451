import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. The search indexes of migration 014 (docs/decisions/021) for the
// search columns that arrived beside it: boards' and milestones' titles and texts, exchange-rate notes, and the
// Chinese segment name of market shares. SQLite: an FTS5 table can't take a new column, so market_shares_fts is
// rebuilt with it; the others are new. PostgreSQL: one GIN trigram index per new column (pg_trgm is there: 014).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Each table's search columns after this migration, and which of them are new. */
const CHANGED: { table: string; columns: string[]; added: string[]; before?: string[] }[] = [
  { table: 'market_shares', columns: ['segment', 'segment_zh', 'notes'], added: ['segment_zh'], before: ['segment', 'notes'] },
  { table: 'boards', columns: ['title', 'title_zh', 'description'], added: ['title', 'title_zh', 'description'] },
  { table: 'events', columns: ['title', 'title_zh', 'description', 'description_zh'], added: ['title', 'title_zh', 'description', 'description_zh'] },
  { table: 'fx_rates', columns: ['currency_code', 'notes'], added: ['currency_code', 'notes'] },
];

const list = (columns: string[], row?: string) => sql.raw(columns.map((c) => (row ? `${row}.${c}` : c)).join(', '));

async function dropFts(db: Db, table: string): Promise<void> {
  for (const event of ['insert', 'delete', 'update']) await sql`drop trigger if exists ${sql.raw(`${table}_fts_${event}`)}`.execute(db);
  await sql`drop table if exists ${sql.raw(`${table}_fts`)}`.execute(db);
}

/** The FTS5 table of `table` over `columns`, filled from the rows and kept in step by triggers (as in 014). */
async function createFts(db: Db, table: string, columns: string[]): Promise<void> {
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

const trgmIndex = (table: string, column: string) => sql.raw(`${table}_${column}_trgm_idx`);

async function trigramOps(db: Db) {
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return sql.id(rows[0]?.schema ?? 'public', 'gin_trgm_ops');
}

export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) {
    const opclass = await trigramOps(db);
    for (const { table, added } of CHANGED) {
      for (const column of added) await sql`create index ${trgmIndex(table, column)} on ${sql.raw(table)} using gin (${sql.raw(column)} ${opclass})`.execute(db);
    }
    return;
  }
  for (const { table, columns } of CHANGED) {
    await dropFts(db, table);
    await createFts(db, table, columns);
  }
}

export async function down(db: Db): Promise<void> {
  for (const { table, added, before } of CHANGED) {
    if (isPostgres(db)) {
      for (const column of added) await sql`drop index if exists ${trgmIndex(table, column)}`.execute(db);
      continue;
    }
    await dropFts(db, table);
    if (before) await createFts(db, table, before);
  }
}
