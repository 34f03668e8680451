import { sql } from 'kysely';
import { COLLECTIONS } from '../lib/collections';
import type { DisplayFx } from '../lib/fx/convert';
import { roundTypeCondition } from './concentration';
import type { Atlas } from './connection';
import { moneyIn } from './fx';

export interface Summary {
  counts: Record<string, number>;
  disclosedFunding: number;
  disclosedRounds: number;
  /** Rounds whose US-dollar amount was converted from the currency they were reported in (lib/fx). */
  convertedRounds: number;
}

/** What the database holds: rows per collection and the disclosed funding total (in `display`'s currency when given). */
export async function summary(atlas: Atlas, display: DisplayFx | null = null): Promise<Summary> {
  const counts: Record<string, number> = {};
  for (const collection of COLLECTIONS) {
    const found = await sql<{ n: number }>`select count(*) as n from ${sql.table(collection.table)}`.execute(atlas.db);
    counts[collection.id] = Number(found.rows[0]?.n ?? 0);
  }
  // A fund's size is not money raised: left out of the total (db/concentration.ts roundTypeCondition).
  const amount = moneyIn(sql.ref('i.amount_usd'), sql.ref('i.announced_on'), display);
  const funding = await sql<{ total: number | null; n: number; converted: number | null }>`select sum(${amount}) as total, count(${amount}) as n,
    sum(case when i.amount_usd_basis = 'converted' and ${amount} is not null then 1 else 0 end) as converted from investments i
    where ${roundTypeCondition()}`.execute(atlas.db);
  const row = funding.rows[0];
  return { counts, disclosedFunding: Math.round(Number(row?.total ?? 0)), disclosedRounds: Number(row?.n ?? 0), convertedRounds: Number(row?.converted ?? 0) };
}

/** A round trip to the database, for the health check: the name of the last migration applied. */
export async function latestMigration(atlas: Atlas): Promise<string | null> {
  const found = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(atlas.db);
  return found.rows[0]?.name ?? null;
}
