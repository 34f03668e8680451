import { sql } from 'kysely';
import { COLLECTIONS } from '../lib/collections';
import { roundTypeCondition } from './concentration';
import type { Atlas } from './connection';

export interface Summary {
  counts: Record<string, number>;
  disclosedFunding: number;
  disclosedRounds: number;
}

/** What the database holds: rows per collection and the disclosed funding total. */
export async function summary(atlas: Atlas): Promise<Summary> {
  const counts: Record<string, number> = {};
  for (const collection of COLLECTIONS) {
    const found = await sql<{ n: number }>`select count(*) as n from ${sql.table(collection.table)}`.execute(atlas.db);
    counts[collection.id] = Number(found.rows[0]?.n ?? 0);
  }
  // A fund's size is not money raised: left out of the total (db/concentration.ts roundTypeCondition).
  const funding = await sql<{ total: number | null; n: number }>`select sum(i.amount_usd) as total, count(i.amount_usd) as n from investments i
    where ${roundTypeCondition()}`.execute(atlas.db);
  return { counts, disclosedFunding: Number(funding.rows[0]?.total ?? 0), disclosedRounds: Number(funding.rows[0]?.n ?? 0) };
}

/** A round trip to the database, for the health check: the name of the last migration applied. */
export async function latestMigration(atlas: Atlas): Promise<string | null> {
  const found = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(atlas.db);
  return found.rows[0]?.name ?? null;
}
