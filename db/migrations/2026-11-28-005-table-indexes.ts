import type { Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Indexes for the tables at a million rounds (issue #3, speed;
// docs/decisions/005-table-query-speed.md). Each facet column of investments leads an index that ends with
// the date, so that its counts are read off the index in order (no sort of a million rows), unfiltered or
// with a date range (SQLite skip-scans the few values of the leading column). The single-column indexes
// they extend are dropped: the new ones serve every lookup those did (the foreign key on company_id too).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const DROPPED: [string, string, string[]][] = [
  ['investments', 'investments_round_idx', ['round_type']],
  ['investments', 'investments_company_idx', ['company_id']],
  ['investments', 'investments_amount_idx', ['amount_usd']],
];

const CREATED: [string, string, string[]][] = [
  // Facet counts, and "round type = x, newest first" pages and counts, from the index alone.
  ['investments', 'investments_round_date_idx', ['round_type', 'announced_on', 'id']],
  ['investments', 'investments_company_date_idx', ['company_id', 'announced_on']],
  ['investments', 'investments_confidence_date_idx', ['confidence', 'announced_on']],
  ['investments', 'investments_instrument_date_idx', ['instrument', 'announced_on']],
  // Sorting by amount breaks ties by id: one index serves the whole ORDER BY.
  ['investments', 'investments_amount_id_idx', ['amount_usd', 'id']],
];

export async function up(db: Db): Promise<void> {
  for (const [table, name, columns] of CREATED) await db.schema.createIndex(name).on(table).columns(columns).execute();
  for (const [, name] of DROPPED) await db.schema.dropIndex(name).execute();
}

export async function down(db: Db): Promise<void> {
  for (const [table, name, columns] of DROPPED) await db.schema.createIndex(name).on(table).columns(columns).execute();
  for (const [, name] of CREATED) await db.schema.dropIndex(name).execute();
}
