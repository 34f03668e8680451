import { sql, type Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 20: yearly average exchange rates (the fx-rates collection,
// one row per currency and year, the rate as its source prints it) and, on each round, how its US-dollar amount
// was had — `reported`, or `converted` from amount_original at fx_rate (units of `currency` per US dollar, the
// average of fx_year). Rounds with an amount before this migration reported it. The rates themselves are loaded
// from data/fx-rates.csv by the seed (db/seed.ts), also into a database that holds data already.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const CONFIDENCE = sql`confidence is null or confidence in ('verified', 'reported', 'estimate', 'unverified')`;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('fx_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('currency_code', 'text', (c) => c.notNull().check(sql`length(currency_code) = 3`))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('rate', 'double precision', (c) => c.notNull().check(sql`rate > 0`))
    .addColumn('quote', 'text', (c) => c.notNull().check(sql`quote in ('units_per_usd', 'usd_per_unit')`))
    .addColumn('notes', 'text')
    .addColumn('source_url', 'text')
    .addColumn('confidence', 'text', (c) => c.check(CONFIDENCE))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fx_rates_currency_year_idx').on('fx_rates').columns(['currency_code', 'year']).unique().execute();
  await db.schema.createIndex('fx_rates_year_idx').on('fx_rates').columns(['year', 'id']).execute();

  await db.schema
    .alterTable('investments')
    .addColumn('amount_usd_basis', 'text', (c) => c.check(sql`amount_usd_basis in ('reported', 'converted')`))
    .execute();
  await db.schema.alterTable('investments').addColumn('fx_rate', 'double precision').execute();
  await db.schema.alterTable('investments').addColumn('fx_year', 'integer').execute();
  await db.schema.createIndex('investments_amount_usd_basis_idx').on('investments').columns(['amount_usd_basis']).execute();
  await sql`update investments set amount_usd_basis = 'reported' where amount_usd is not null`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('investments_amount_usd_basis_idx').execute();
  // A converted amount was never reported: without its basis it would read as reported.
  await sql`update investments set amount_usd = null where amount_usd_basis = 'converted'`.execute(db);
  await db.schema.alterTable('investments').dropColumn('fx_year').execute();
  await db.schema.alterTable('investments').dropColumn('fx_rate').execute();
  await db.schema.alterTable('investments').dropColumn('amount_usd_basis').execute();
  await db.schema.dropTable('fx_rates').execute();
}
