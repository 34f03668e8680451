import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 21: market-share estimates measured in web traffic or in
// customer spend get bases of their own (`traffic`, `spend`; they were stored as `other` and `revenue`), and a
// segment gets a Chinese name (`segment_zh`). SQLite cannot change a CHECK constraint in place, so there the
// table is rebuilt (docs/decisions/020-share-bases-table-rebuild.md); PostgreSQL swaps the constraint.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const OLD_BASES = ['revenue', 'users', 'api_volume', 'compute', 'other'];
const NEW_BASES = ['revenue', 'users', 'traffic', 'spend', 'api_volume', 'compute', 'other'];
const CONFIDENCE = ['verified', 'reported', 'estimate', 'unverified'];
/** Undone, the new bases fall back to what the seed stored them as before: traffic → other, spend → revenue. */
const FALLBACK: Record<string, string> = { traffic: 'other', spend: 'revenue' };

/** Migration 001's market_shares indexes (no later migration added one, and no trigger reads the table). */
const INDEXES: [string, string[]][] = [
  ['market_shares_company_idx', ['company_id']],
  ['market_shares_segment_idx', ['segment', 'period']],
];

const oneOf = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** SQLite: market_shares again with `bases` in its CHECK, with or without segment_zh, rows copied, indexes remade. */
async function rebuildOnSqlite(db: Db, bases: string[], withSegmentZh: boolean): Promise<void> {
  // The columns both shapes have: going up segment_zh starts empty, going down it is dropped.
  const columns = ['id', 'segment', 'period', 'company_id', 'basis', 'share_pct', 'value', 'unit', 'notes', 'source_url', 'confidence', 'created_at', 'updated_at'];
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('market_shares_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('segment', 'text', (c) => c.notNull())
      .$call((t) => (withSegmentZh ? t.addColumn('segment_zh', 'text') : t))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('restrict'))
      .addColumn('basis', 'text', (c) => c.notNull().check(oneOf('basis', bases)))
      .addColumn('share_pct', 'real', (c) => c.check(sql`share_pct is null or (share_pct >= 0 and share_pct <= 100)`))
      .addColumn('value', 'real')
      .addColumn('unit', 'text')
      .addColumn('notes', 'text')
      .addColumn('source_url', 'text')
      .addColumn('confidence', 'text', (c) => c.check(sql`confidence is null or ${oneOf('confidence', CONFIDENCE)}`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`insert into market_shares_next (${list}) select ${list} from market_shares`.execute(trx);
    await trx.schema.dropTable('market_shares').execute();
    await trx.schema.alterTable('market_shares_next').renameTo('market_shares').execute();
    for (const [name, on] of INDEXES) await trx.schema.createIndex(name).on('market_shares').columns(on).execute();
  });
}

export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table market_shares drop constraint market_shares_basis_check`.execute(db);
    await sql`alter table market_shares add constraint market_shares_basis_check check (${oneOf('basis', NEW_BASES)})`.execute(db);
    await db.schema.alterTable('market_shares').addColumn('segment_zh', 'text').execute();
    return;
  }
  await rebuildOnSqlite(db, NEW_BASES, true);
}

export async function down(db: Db): Promise<void> {
  for (const [from, to] of Object.entries(FALLBACK)) {
    await db.updateTable('market_shares').set({ basis: to }).where('basis', '=', from).execute();
  }
  if (isPostgres(db)) {
    await db.schema.alterTable('market_shares').dropColumn('segment_zh').execute();
    await sql`alter table market_shares drop constraint market_shares_basis_check`.execute(db);
    await sql`alter table market_shares add constraint market_shares_basis_check check (${oneOf('basis', OLD_BASES)})`.execute(db);
    return;
  }
  await rebuildOnSqlite(db, OLD_BASES, false);
}
