import { sql, type RawBuilder } from 'kysely';
import { lorenzSampleIndices, MAX_LORENZ_POINTS, type LorenzPoint, type MeasuredMarket } from '../lib/concentration';
import type { Atlas } from './connection';

// A concentration report that names a few firms (a board's metric and chart tiles, indicators: 12 or none), measured
// by the database: the firms' count, Σv and Σv², the largest firms, and the Lorenz points a report keeps with the
// Gini coefficient, in three statements that return about 220 rows — not a row per firm (90,000 at a million rounds,
// which cost more to carry out of the database, above all from the read pool's threads, than to measure).
// SQLite only: on PostgreSQL the kept rows are a view, which each statement would add up again.
// docs/decisions/038-reports-measured-in-sql.md.

/** The most firms a measured report names; a report naming more reads every firm's value. */
export const MAX_MEASURED_TOP = 64;

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

interface SumsRow {
  n: number | string;
  total: number | string | null;
  sum_sq: number | string | null;
  excluded: number | string | null;
}

/**
 * The measures of a market of firm values: `values` selects `company_id, value, undisclosed`, one row per firm (a firm
 * without a positive value is left out, its undisclosed rounds counted). `top`: how many of the largest firms to name.
 */
export async function measuredMarket(atlas: Atlas, values: RawBuilder<unknown>, top: number): Promise<MeasuredMarket> {
  const market = sql`(${values}) m`;
  const positive = sql`m.value > 0`;
  const sums = (
    await sql<SumsRow>`
      select count(case when ${positive} then 1 end) as n, sum(case when ${positive} then m.value end) as total,
        sum(case when ${positive} then cast(m.value as double precision) * m.value end) as sum_sq, sum(m.undisclosed) as excluded
      from ${market}`.execute(atlas.db)
  ).rows[0];
  const n = num(sums?.n);
  const excluded = num(sums?.excluded);
  if (n === 0) return { n, total: 0, sumSq: 0, excluded, largest: [], lorenz: [[0, 0], [1, 1]], gini: 0 };
  const [largest, curve] = await Promise.all([
    sql<{ id: string; value: number | string }>`
      select m.company_id as id, m.value as value from ${market} where ${positive}
      order by m.value desc, m.company_id limit ${Math.min(n, Math.max(top, 8))}`.execute(atlas.db),
    // The ascending running sums at the points a report keeps, then (k = 0) their sum over every point, the Gini's
    // area. The running sums are made once (materialized), not again for the sum (a second window over 90,000 rows).
    sql<{ k: number | string; cum: number | string }>`
      with w as materialized (
        select row_number() over (order by m.value) as k, sum(m.value) over (order by m.value rows between unbounded preceding and current row) as cum
        from ${market} where ${positive}
      )
      select w.k, w.cum from w where w.k in (${sql.join(lorenzSampleIndices(n, MAX_LORENZ_POINTS).map((k) => sql.lit(k)))})
      union all select 0, sum(cast(w.cum as double precision)) from w
      order by 1`.execute(atlas.db),
  ]);
  const [area, ...points] = curve.rows.map((r) => ({ k: num(r.k), cum: num(r.cum) }));
  const ascendingTotal = points[points.length - 1]?.cum ?? 0;
  const lorenz: LorenzPoint[] = [[0, 0], ...points.map(({ k, cum }): LorenzPoint => (k === n ? [1, 1] : [k / n, cum / ascendingTotal]))];
  // Σ over the points of (x_k − x_{k−1})(y_k + y_{k−1}), with x_k = k/n and y_k = cum_k/total: (2·Σcum/total − 1)/n.
  const area2 = ((2 * (area?.cum ?? 0)) / ascendingTotal - 1) / n;
  return {
    n,
    total: num(sums?.total),
    sumSq: num(sums?.sum_sq),
    excluded,
    largest: largest.rows.map((r) => ({ id: r.id, value: num(r.value) })),
    lorenz,
    gini: Math.min(1, Math.max(0, 1 - area2)),
  };
}
