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
  const pairs = await keptAndCountedPairs(atlas);
  return { kept: { ...byKey(kept.rows), ...byKey(keptInvestors.rows), ...pairs.kept }, counted: { ...counted, ...byKey(participants.rows), ...pairs.counted } };
}

/**
 * Rounds shared per pair of investors (a < b) kept by migration 025's triggers — per `pair:layer|region|year|a|b`
 * and over every bucket per `pairs:a|b` — and the same counted from the participants, fund rows left out.
 */
export async function keptAndCountedPairs(atlas: Atlas): Promise<{ kept: Counts; counted: Counts }> {
  const bucketed = sql`'pair:' || layer || '|' || region || '|' || year || '|' || investor_a || '|' || investor_b`;
  const kept = await sql<{ k: string; n: number }>`select ${bucketed} as k, rounds as n from co_investment_counts where rounds <> 0`.execute(atlas.db);
  const keptTotals = await sql<{ k: string; n: number }>`select 'pairs:' || investor_a || '|' || investor_b as k, rounds as n from co_investment_totals where rounds <> 0`.execute(atlas.db);
  const bucket = sql`coalesce(c.layer, '') || '|' || coalesce(c.region, '') || '|' || coalesce(substr(i.announced_on, 1, 4), '')`;
  const pairs = (key: ReturnType<typeof sql>) => sql<{ k: string; n: number | string }>`select ${key} as k, count(*) as n
    from ${sql.table(PARTICIPANTS.table)} p join ${sql.table(PARTICIPANTS.table)} q on q.investment_id = p.investment_id and q.investor_id > p.investor_id
    join investments i on i.id = p.investment_id join companies c on c.id = i.company_id
    where i.round_type is null or i.round_type <> 'fund' group by ${key}`;
  const counted = await pairs(sql`'pair:' || ${bucket} || '|' || p.investor_id || '|' || q.investor_id`).execute(atlas.db);
  const countedTotals = await pairs(sql`'pairs:' || p.investor_id || '|' || q.investor_id`).execute(atlas.db);
  return { kept: { ...byKey(kept.rows), ...byKey(keptTotals.rows) }, counted: { ...byKey(counted.rows), ...byKey(countedTotals.rows) } };
}
