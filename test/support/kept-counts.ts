import { sql } from 'kysely';
import type { Atlas } from '../../db/connection';
import { KEPT_FOR_INVESTMENTS } from '../../db/kept-counts';
import { getCollection, linkTableOf } from '../../lib/collections';

/** The participants' link table, named by the registry. */
const PARTICIPANTS = linkTableOf(getCollection('investments'), 'investors');

type Counts = Record<string, number>;
const byKey = (rows: { k: string; n: number | string }[]): Counts => Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));

/**
 * What the triggers keep — rounds per `column:value` (migration 009, a null as '') and per `investor:<id>`
 * (migration 008) — and the same counted from the rounds and participants: the two must be equal.
 */
export async function keptAndCounted(atlas: Atlas): Promise<{ kept: Counts; counted: Counts }> {
  const kept = await sql<{ k: string; n: number }>`select column_id || ':' || value as k, rounds as n from investment_facet_counts where rounds <> 0`.execute(atlas.db);
  const counted: Counts = {};
  for (const column of KEPT_FOR_INVESTMENTS) {
    const value = sql`coalesce(${sql.ref(column)}, '')`;
    const { rows } = await sql<{ k: string; n: number | string }>`select ${value} as k, count(*) as n from investments group by ${value}`.execute(atlas.db);
    for (const [k, n] of Object.entries(byKey(rows))) counted[`${column}:${k}`] = n;
  }
  const keptInvestors = await sql<{ k: string; n: number }>`select 'investor:' || investor_id as k, rounds as n from investor_round_counts where rounds <> 0`.execute(atlas.db);
  const participants = await sql<{ k: string; n: number | string }>`select 'investor:' || investor_id as k, count(*) as n from ${sql.table(PARTICIPANTS.table)} group by investor_id`.execute(atlas.db);
  return { kept: { ...byKey(kept.rows), ...byKey(keptInvestors.rows) }, counted: { ...counted, ...byKey(participants.rows) } };
}
