import { sql, type RawBuilder } from 'kysely';
import type { RoundWindow } from '../lib/analysis/params';
import { LAYERS, REGIONS } from '../lib/collections/companies';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import { addTouchedPairs, type LinkPairs } from './relations';

// Counts for the analysis views kept by the triggers of migration 025 (docs/decisions/029-kept-analysis-counts.md),
// fund rows counted nowhere: rounds shared per pair of investors, per bucket of the funded company's layer and region
// and the round's year in `co_investment_counts`, over every bucket in `co_investment_totals`, and the rounds of each
// investor per bucket in `co_investor_rounds` (the co-investor network reads them instead of joining the
// participants of every round to each other); and funding per company
// and year in `company_funding`, year '*' over every year (the market map reads it instead of summing the rounds).

/** The kept tables (PostgreSQL: views adding `*_kept` and `*_deltas`, folded by bulk writes), their keys and counts. */
export const KEPT_ANALYSIS = [
  { table: 'co_investment_counts', deltas: 'co_investment_count_deltas', keys: ['layer', 'region', 'year', 'investor_a', 'investor_b'], counts: ['rounds'] },
  { table: 'co_investment_totals', deltas: 'co_investment_total_deltas', keys: ['investor_a', 'investor_b'], counts: ['rounds'] },
  { table: 'co_investor_rounds', deltas: 'co_investor_round_deltas', keys: ['investor_id', 'layer', 'region', 'year'], counts: ['rounds'] },
  { table: 'company_funding', deltas: 'company_funding_deltas', keys: ['year', 'company_id'], counts: ['funding', 'disclosed', 'rounds'] },
] as const;

/** The year of `company_funding` that holds every year. */
export const EVERY_YEAR = '*';

/**
 * SQLite, at the end of a bulk write (migration 025: its row triggers are off then, and each round the write
 * touched had its contribution taken off when first touched): add every touched round's contribution as it is now,
 * one grouped upsert per kept table, and forget the touched rounds.
 */
export async function addTouchedRounds(trx: Executor): Promise<void> {
  await addTouchedPairs(trx);
  const year = sql`case when y.k = ${EVERY_YEAR} then ${EVERY_YEAR} else coalesce(substr(i.announced_on, 1, 4), '') end`;
  await sql`insert into company_funding (year, company_id, funding, disclosed, rounds)
    select ${year}, i.company_id, sum(coalesce(i.amount_usd, 0)), sum(case when i.amount_usd is null then 0 else 1 end), count(*)
    from analysis_touched t join investments i on i.id = t.investment_id cross join (select '' as k union all select ${EVERY_YEAR}) y
    where (i.round_type is null or i.round_type <> 'fund') group by ${year}, i.company_id
    on conflict (year, company_id) do update set funding = funding + excluded.funding, disclosed = disclosed + excluded.disclosed, rounds = rounds + excluded.rounds`.execute(trx);
  await sql`delete from analysis_touched`.execute(trx);
}

export type PairWindow = Pick<RoundWindow, 'layer' | 'region' | 'from' | 'to'>;

interface PairRow {
  a: string;
  b: string;
  n: number | string;
  total: number | string;
}

const byCountThenIds = (x: { a: string; b: string; count: number }, y: { a: string; b: string; count: number }) =>
  y.count - x.count || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0);

/**
 * The bucket conditions of a window (null: every bucket). Every key column before the last one filtered is listed
 * ('' for none), so that the bucket key is looked up (ranges of the primary key) instead of scanned; the years of a
 * closed window are listed too ('' — no date — sorts before every year: a lower bound leaves it out).
 */
function bucketConditions(window: PairWindow): RawBuilder<boolean> | null {
  const { layer, region, from, to } = window;
  const years = from !== null || to !== null;
  if (!layer && !region && !years) return null;
  const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));
  const conditions = [layer ? sql<boolean>`layer = ${layer}` : sql<boolean>`layer in (${list(['', ...LAYERS])})`];
  if (region || years) conditions.push(region ? sql<boolean>`region = ${region}` : sql<boolean>`region in (${list(['', ...REGIONS])})`);
  if (from !== null && to !== null) conditions.push(sql<boolean>`year in (${list(Array.from({ length: to - from + 1 }, (_, i) => String(from + i)))})`);
  else if (from !== null) conditions.push(sql<boolean>`year >= ${String(from)}`);
  else if (to !== null) conditions.push(sql<boolean>`year > '' and year <= ${String(to)}`);
  return sql.join(conditions, sql` and `);
}

/** The rounds each of the investors `ids` joined in the window (shared or not), from the kept counts per bucket. */
export async function keptInvestorRounds(atlas: Atlas, window: PairWindow, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const buckets = bucketConditions(window);
  for (let i = 0; i < ids.length; i += 500) {
    const { rows } = await sql<{ id: string; n: number | string }>`select investor_id as id, sum(rounds) as n from co_investor_rounds
      where investor_id in (${sql.join(ids.slice(i, i + 500))})${buckets ? sql` and ${buckets}` : sql``} group by investor_id`.execute(atlas.db);
    for (const r of rows) if (Number(r.n) > 0) counts.set(String(r.id), Number(r.n));
  }
  return counts;
}

/** The pairs sharing at least `min` rounds of the window, the `limit` strongest, and how many there are. */
export async function keptPairCounts(atlas: Atlas, window: PairWindow, min: number, limit: number): Promise<LinkPairs> {
  let rows: PairRow[];
  const buckets = bucketConditions(window);
  if (!buckets) {
    // Walk the index on rounds from the top; the total counts the index from `min` up.
    ({ rows } = await sql<PairRow>`select investor_a as a, investor_b as b, rounds as n,
        (select count(*) from co_investment_totals where rounds >= ${min}) as total
      from co_investment_totals where rounds >= ${min} order by rounds desc, investor_a, investor_b limit ${limit}`.execute(atlas.db));
  } else {
    ({ rows } = await sql<PairRow>`select investor_a as a, investor_b as b, sum(rounds) as n, count(*) over () as total
      from co_investment_counts where ${buckets}
      group by investor_a, investor_b having sum(rounds) >= ${min}
      order by n desc, a, b limit ${limit}`.execute(atlas.db));
  }
  // Kept pairs are ordered by each dialect's collation: JavaScript's order decides, as for counted pairs.
  const pairs = rows.map((r) => {
    const [a, b] = [String(r.a), String(r.b)].sort();
    return { a, b, count: Number(r.n) };
  });
  return { pairs: pairs.sort(byCountThenIds), total: rows.length ? Number(rows[0].total) : 0 };
}
