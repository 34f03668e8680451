import type { Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 16 (lists at a million rounds; docs/decisions/032-list-query-shapes.md):
// the participants' index by investor also carries the round, so that "rounds an investor (or a child of it) took part
// in" — the investor and lead filters, the OpenAI portfolio — reads the index alone instead of one participant row
// per round (10,000 look-ups for the OpenAI Startup Fund at a million rounds). It replaces (investor_id, is_lead), a
// prefix of it: the same number of indexes to keep on every write, and every lookup the old one served.

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

const TABLE = 'investment_participants';
const OLD = { name: 'participants_investor_idx', columns: ['investor_id', 'is_lead'] };
const NEW = { name: 'participants_investor_round_idx', columns: ['investor_id', 'is_lead', 'investment_id'] };

export async function up(db: Db): Promise<void> {
  await db.schema.createIndex(NEW.name).on(TABLE).columns(NEW.columns).execute();
  await db.schema.dropIndex(OLD.name).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.createIndex(OLD.name).on(TABLE).columns(OLD.columns).execute();
  await db.schema.dropIndex(NEW.name).execute();
}
