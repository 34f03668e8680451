import type { Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 17 (board speed; docs/decisions/028-board-tiles-in-worker-threads.md):
// the rounds' index by company and date also carries the round type and the amount, so that concentration by
// company, the funding charts and the market filters (`company_id in (companies of a layer)`) read the index alone
// instead of the whole rows. It replaces (company_id, announced_on), a prefix of it: the same number of indexes to
// keep on every write, and every lookup the old one served.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const OLD = { name: 'investments_company_date_idx', columns: ['company_id', 'announced_on'] };
const NEW = { name: 'investments_company_money_idx', columns: ['company_id', 'announced_on', 'round_type', 'amount_usd'] };

export async function up(db: Db): Promise<void> {
  await db.schema.createIndex(NEW.name).on('investments').columns(NEW.columns).execute();
  await db.schema.dropIndex(OLD.name).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.createIndex(OLD.name).on('investments').columns(OLD.columns).execute();
  await db.schema.dropIndex(NEW.name).execute();
}
