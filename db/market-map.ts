import { sql, type RawBuilder } from 'kysely';
import { getCollection } from '../lib/collections';
import { LAYERS } from '../lib/collections/companies';
import { DEFAULT_MAP_TOP, windowDates, type Layer, type MarketMapQuery } from '../lib/analysis/params';
import type { MapLayer, MapVertical, MarketMap } from '../lib/analysis/types';
import type { Atlas } from './connection';
import { roundTypeCondition } from './concentration';
import { EVERY_YEAR } from './kept-analysis';
import { linkedTo } from './relations';

// The market map: companies with a layer, grouped by layer and vertical, each with its disclosed funding in the
// window (fund rows left out, decision 019). One query: funding per company from the counts kept per company and
// year (db/kept-analysis.ts, decision 029), then per (layer, vertical) its totals (`v` rows, grouped) and its `top`
// companies (`c` rows, ranked by a window function; only they are looked up by name).

interface Row {
  kind: 'v' | 'c';
  layer: Layer;
  vertical: string | null;
  /** `c` rows: a company. */
  id: string | null;
  name: string | null;
  name_zh: string | null;
  region: string | null;
  funding: number | string | null;
  rounds: number | string | null;
  /** `v` rows: a vertical's totals. */
  n: number | string | null;
  v_funding: number | string | null;
  v_rounds: number | string | null;
  v_undisclosed: number | string | null;
}

const num = (v: number | string | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

/** Rounds of the window on the alias `alias`: their type (no fund rows) and year. */
function roundConditions(query: MarketMapQuery, alias: string): RawBuilder<boolean>[] {
  const { from, to } = windowDates(query);
  const announced = sql.ref(`${alias}.announced_on`);
  return [roundTypeCondition([], alias), ...(from ? [sql<boolean>`${announced} >= ${from}`] : []), ...(to ? [sql<boolean>`${announced} <= ${to}`] : [])];
}

/** Which companies are on the map: a layer, the company filters, and for `investor` a round of theirs in its portfolio. */
function companyConditions(query: MarketMapQuery): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [sql<boolean>`c.layer is not null`];
  if (query.layer) conditions.push(sql<boolean>`c.layer = ${query.layer}`);
  if (query.region) conditions.push(sql<boolean>`c.region = ${query.region}`);
  if (query.country) conditions.push(sql<boolean>`c.country = ${query.country}`);
  if (query.investor) {
    const investments = getCollection('investments');
    const filter = investments.relationFilters?.find((f) => f.param === 'investor');
    if (!filter) throw new Error('investments has no investor filter');
    const portfolio = [...roundConditions(query, 'pi'), linkedTo(investments, filter, query.investor, sql.ref('pi.id'))];
    conditions.push(sql<boolean>`c.id in (select pi.company_id from investments pi where ${sql.join(portfolio, sql` and `)})`);
  }
  return conditions;
}

/**
 * The kept years of the window: '*' (every year) without one; each year of a closed window (a list the key is
 * looked up by); a range for an open one ('' and '*' sort before every year, so neither falls in it).
 */
function yearsOf(query: MarketMapQuery): RawBuilder<boolean> {
  const { from, to } = query;
  if (from === null && to === null) return sql<boolean>`f.year = ${EVERY_YEAR}`;
  if (from !== null && to !== null) return sql<boolean>`f.year in (${sql.join(Array.from({ length: to - from + 1 }, (_, i) => String(from + i)))})`;
  return from !== null ? sql<boolean>`f.year >= ${String(from)}` : sql<boolean>`f.year between '0000' and ${String(to)}`;
}

export async function marketMap(atlas: Atlas, query: MarketMapQuery): Promise<MarketMap> {
  const top = query.top ?? DEFAULT_MAP_TOP;
  const conditions = companyConditions(query);
  const companies = sql.join(conditions, sql` and `);
  // Only `layer is not null` narrows the companies: the join below applies it; otherwise their ids are looked up
  // (and the join need not check the conditions again).
  const restricted = conditions.length > 1;
  const funding = [yearsOf(query), ...(restricted ? [sql<boolean>`f.company_id in (select c.id from companies c where ${companies})`] : [])];
  // The companies with their funding once (materialized), grouped per vertical, ranked for the top of each (rank:
  // the funding, -1 when none is disclosed, so that those come last). Without years each company has one kept row.
  const everyYear = query.from === null && query.to === null;
  const perCompany = everyYear
    ? sql`select f.company_id, case when f.disclosed > 0 then f.funding end as funding, f.rounds, case when f.disclosed > 0 then f.funding else -1 end as rank_key
        from company_funding f where ${sql.join(funding, sql` and `)} and f.rounds > 0`
    : sql`select f.company_id, case when sum(f.disclosed) > 0 then sum(f.funding) end as funding, sum(f.rounds) as rounds,
          case when sum(f.disclosed) > 0 then sum(f.funding) else -1 end as rank_key
        from company_funding f where ${sql.join(funding, sql` and `)} group by f.company_id having sum(f.rounds) > 0`;
  const { rows } = await sql<Row>`
    with j as materialized (
      select c.id, c.layer, c.vertical, f.funding, f.rounds, f.rank_key
      from (${perCompany}) f join companies c on c.id = f.company_id
      where ${restricted ? sql`c.layer is not null` : companies}
    )
    select 'v' as kind, j.layer, j.vertical, null as id, null as name, null as name_zh, null as region, null as funding, null as rounds,
      count(*) as n, sum(j.funding) as v_funding, sum(j.rounds) as v_rounds, sum(case when j.funding is null then 1 else 0 end) as v_undisclosed
    from j group by j.layer, j.vertical
    union all
    select 'c', x.layer, x.vertical, x.id, c.name, c.name_zh, c.region, x.funding, x.rounds, null, null, null, null
    from (select j.*, row_number() over (partition by j.layer, j.vertical order by j.rank_key desc, j.id) as rk from j) x
    join companies c on c.id = x.id where x.rk <= ${top}`.execute(atlas.db);
  return { filters: { ...query, top }, layers: grouped(rows) };
}

/** Rows (the top of each vertical, with the vertical's totals) → layers in registry order, verticals by funding. */
function grouped(rows: readonly Row[]): MapLayer[] {
  const verticals = new Map<string, MapVertical & { layer: Layer; rounds: number }>();
  const keyOf = (row: Row) => `${row.layer}\u0000${row.vertical ?? ''}`;
  for (const row of rows) {
    if (row.kind !== 'v') continue;
    verticals.set(keyOf(row), { layer: row.layer, vertical: row.vertical, total: num(row.v_funding), count: num(row.n), undisclosed: num(row.v_undisclosed), companies: [], others: null, rounds: num(row.v_rounds) });
  }
  for (const row of rows) {
    if (row.kind !== 'c') continue;
    const company = { id: String(row.id), name: String(row.name), name_zh: row.name_zh, region: row.region, funding: row.funding === null ? null : Number(row.funding), rounds: num(row.rounds) };
    verticals.get(keyOf(row))?.companies.push(company);
  }
  const layers: MapLayer[] = [];
  for (const layer of LAYERS) {
    const list: MapVertical[] = [];
    for (const { layer: of, rounds, ...vertical } of verticals.values()) {
      if (of !== layer) continue;
      vertical.companies.sort((a, b) => (b.funding ?? -1) - (a.funding ?? -1) || (a.id < b.id ? -1 : 1));
      const named = vertical.companies.reduce((s, c) => ({ funding: s.funding + (c.funding ?? 0), rounds: s.rounds + c.rounds }), { funding: 0, rounds: 0 });
      const rest = vertical.count - vertical.companies.length;
      list.push({ ...vertical, others: rest > 0 ? { companies: rest, funding: vertical.total - named.funding, rounds: rounds - named.rounds } : null });
    }
    if (!list.length) continue;
    // The most funded vertical first; "other / unspecified" after the named ones of equal funding.
    list.sort((a, b) => b.total - a.total || (a.vertical === null ? 1 : b.vertical === null ? -1 : a.vertical < b.vertical ? -1 : 1));
    const sum = (of: (v: MapVertical) => number) => list.reduce((s, v) => s + of(v), 0);
    layers.push({ layer, total: sum((v) => v.total), count: sum((v) => v.count), undisclosed: sum((v) => v.undisclosed), verticals: list });
  }
  return layers;
}
