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
  const pairs = await keptAndCountedAnalysis(atlas);
  return { kept: { ...byKey(kept.rows), ...byKey(keptInvestors.rows), ...pairs.kept }, counted: { ...counted, ...byKey(participants.rows), ...pairs.counted } };
}

/**
 * What migration 025's triggers keep, fund rows left out — rounds shared per pair of investors (a < b) per
 * `pair:layer|region|year|a|b` and over every bucket per `pairs:a|b`; rounds per investor per `own:id|layer|region|year`; funding, rounds with an amount and rounds per
 * `funding:year|company` (year '*': every year) — and the same counted from the rounds and participants.
 */
export async function keptAndCountedAnalysis(atlas: Atlas): Promise<{ kept: Counts; counted: Counts }> {
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
  const keptOwn = await sql<{ k: string; n: number }>`select 'own:' || investor_id || '|' || layer || '|' || region || '|' || year as k, rounds as n
    from co_investor_rounds where rounds <> 0`.execute(atlas.db);
  const own = sql`'own:' || p.investor_id || '|' || ${bucket}`;
  const countedOwn = await sql<{ k: string; n: number | string }>`select ${own} as k, count(*) as n
    from ${sql.table(PARTICIPANTS.table)} p join investments i on i.id = p.investment_id join companies c on c.id = i.company_id
    where i.round_type is null or i.round_type <> 'fund' group by ${own}`.execute(atlas.db);
  const funding = await keptAndCountedFunding(atlas);
  return {
    kept: { ...byKey(kept.rows), ...byKey(keptTotals.rows), ...byKey(keptOwn.rows), ...funding.kept },
    counted: { ...byKey(counted.rows), ...byKey(countedTotals.rows), ...byKey(countedOwn.rows), ...funding.counted },
  };
}

async function keptAndCountedFunding(atlas: Atlas): Promise<{ kept: Counts; counted: Counts }> {
  const kept = await sql<{ k: string; funding: number | string; disclosed: number | string; rounds: number | string }>`select year || '|' || company_id as k, funding, disclosed, rounds
    from company_funding where funding <> 0 or disclosed <> 0 or rounds <> 0`.execute(atlas.db);
  const year = sql`coalesce(substr(announced_on, 1, 4), '')`;
  const sums = sql`sum(coalesce(amount_usd, 0)) as funding, sum(case when amount_usd is null then 0 else 1 end) as disclosed, count(*) as rounds`;
  const notFund = sql`round_type is null or round_type <> 'fund'`;
  const perYear = await sql<{ k: string; funding: number | string; disclosed: number | string; rounds: number | string }>`select ${year} || '|' || company_id as k, ${sums}
    from investments where ${notFund} group by ${year}, company_id`.execute(atlas.db);
  const every = await sql<{ k: string; funding: number | string; disclosed: number | string; rounds: number | string }>`select '*|' || company_id as k, ${sums}
    from investments where ${notFund} group by company_id`.execute(atlas.db);
  const spread = (rows: { k: string; funding: number | string; disclosed: number | string; rounds: number | string }[]): Counts =>
    Object.fromEntries(rows.flatMap((r) => [[`funding:${r.k}`, Number(r.funding)], [`disclosed:${r.k}`, Number(r.disclosed)], [`rounds:${r.k}`, Number(r.rounds)]]));
  return { kept: spread(kept.rows), counted: { ...spread(perYear.rows), ...spread(every.rows) } };
}
