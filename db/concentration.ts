import { sql, type RawBuilder } from 'kysely';
import {
  buildMeasuredReport,
  buildReport,
  buildSeries,
  OTHERS_ID,
  seriesPointOf,
  seriesReport,
  type ConcentrationQuery,
  type ConcentrationReport,
  type Entry,
  type Market,
  type SeriesPoint,
  type SeriesReport,
  UNATTRIBUTED_ID,
} from '../lib/concentration';
import { getCollection } from '../lib/collections';
import { fxBlock, isBase, type DisplayFx } from '../lib/fx/convert';
import type { Atlas } from './connection';
import { quarterOf, scanGroupKey, yearOf } from './dialect';
import { displayFxOf, moneyIn } from './fx';
import { EVERY_YEAR } from './kept-analysis';
import { shareMarket, shareMarketSeries } from './market-shares';
import { MAX_MEASURED_TOP, measuredMarket } from './measured-report';
import { hasNoLinks, splitAmongLinks } from './relations';
import { whereOf } from './where';

// Concentration markets read from the rounds: one aggregate query per market (per company or per
// investor, optionally per period), so a million rounds stay in SQL and only one row per firm comes back.

interface FirmRow {
  id: string;
  /** Absent from a market read without names. */
  name?: string;
  name_zh: string | null;
  value: number | string | null;
  undisclosed?: number | string | null;
  period?: string;
}

interface CountRow {
  period?: string;
  undisclosed: number | string | null;
  unattributed: number | string | null;
}

/** The refs column of rounds a market by investor splits each round among. */
const INVESTORS = 'investors';

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The rounds of the types asked for; none asked: every round but a fund's size (round_type 'fund'), which is
 * not money a company raised (issue 21). Totals, the dashboard and unicorn counts share this rule.
 */
export function roundTypeCondition(types: readonly string[] = [], alias = 'i'): RawBuilder<boolean> {
  const column = sql.ref(`${alias}.round_type`);
  if (types.length) return sql<boolean>`${column} in (${sql.join(types)})`;
  return sql<boolean>`(${column} is null or ${column} <> ${FUND})`;
}

export const FUND = 'fund';

/** Rounds of the market: the window on announced_on and the company filters on the funded company. */
export function roundConditions(atlas: Atlas, query: ConcentrationQuery, series: boolean): RawBuilder<boolean> {
  const conditions: RawBuilder<boolean>[] = [];
  if (query.from) conditions.push(sql<boolean>`i.announced_on >= ${query.from}`);
  if (query.to) conditions.push(sql<boolean>`i.announced_on <= ${query.to}`);
  if (series) conditions.push(sql<boolean>`i.announced_on is not null`);
  conditions.push(roundTypeCondition(query.roundTypes));
  const spec = query.companies;
  if (spec.q || spec.filters.length > 0) {
    conditions.push(sql<boolean>`i.company_id in (select companies.id from companies where ${whereOf(atlas.dialect, spec)})`);
  }
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`1 = 1`;
}

function periodOf(query: ConcentrationQuery): RawBuilder<string> {
  const column = sql.ref('i.announced_on');
  return query.interval === 'quarter' ? quarterOf(column) : yearOf(column);
}

/** A round's amount (`column` of `i`) in the display currency at its year; as stored in US dollars without one. */
const moneyOf = (column: string, display: DisplayFx | null) => moneyIn(sql.ref(`i.${column}`), sql.ref('i.announced_on'), display);

/** Per firm (and period): value and, for funding by company, the rounds without an amount. */
async function firmRows(atlas: Atlas, query: ConcentrationQuery, series: boolean, display: DisplayFx | null, names = true): Promise<FirmRow[]> {
  // Without names no company is looked up and no name column travels: a firm's id comes with its value (every id is a
  // company's: foreign keys), and stands for its name (lib/concentration/measures.ts).
  const nameColumns = names ? sql`, c.name as name, c.name_zh as name_zh` : sql``;
  const joined = (id: string) => (names ? sql`join companies c on c.id = ${sql.ref(id)}` : sql``);
  const where = roundConditions(atlas, query, series);
  const amount = moneyOf('amount_usd', display);
  const period = periodOf(query);
  const periodSelect = series ? sql`, ${period} as period` : sql``;
  const periodGroup = series ? sql`, ${period}` : sql``;
  const periodOut = series ? sql`, a.period` : sql``;

  if (query.by === 'investor') {
    const split = splitAmongLinks(getCollection('investments'), INVESTORS, sql.ref('i.id'));
    const value = query.basis === 'funding' ? sql`${amount} * 1.0 / ${split.count}` : sql`1.0 / ${split.count}`;
    const disclosed = query.basis === 'funding' ? sql`and ${amount} is not null` : sql``;
    const found = await sql<FirmRow>`
      select a.investor_id as id${nameColumns}, a.value as value${periodOut}
      from (
        select ${split.target} as investor_id${periodSelect}, sum(${value}) as value
        from investments i
        ${split.joins}
        where ${where} ${disclosed}
        group by ${scanGroupKey(atlas.dialect, split.target)}${periodGroup}
      ) a ${joined('a.investor_id')}`.execute(atlas.db);
    return found.rows;
  }

  if (query.basis === 'valuation') {
    const partition = series ? sql`i.company_id, ${period}` : sql`i.company_id`;
    const found = await sql<FirmRow>`
      select a.company_id as id${nameColumns}, a.post_money_usd as value${periodOut}
      from (
        select i.company_id, ${moneyOf('post_money_usd', display)} as post_money_usd${periodSelect},
          row_number() over (partition by ${partition} order by i.announced_on desc nulls last, i.id desc) as rk
        from investments i
        where i.post_money_usd is not null and ${where}
      ) a ${joined('a.company_id')}
      where a.rk = 1`.execute(atlas.db);
    return found.rows;
  }

  const found = await sql<FirmRow>`
    select a.company_id as id${nameColumns}, a.value as value, a.undisclosed as undisclosed${periodOut}
    from (${firmValues(atlas, query, series, display)}) a ${joined('a.company_id')}`.execute(atlas.db);
  return found.rows;
}

/**
 * Funding or rounds by company (and period): `company_id, [period,] value, undisclosed` — from the kept rows when the
 * market allows it, else summed from its rounds.
 */
function firmValues(atlas: Atlas, query: ConcentrationQuery, series: boolean, display: DisplayFx | null): RawBuilder<FirmRow> {
  const kept = keptFirmValues(atlas, query, series, display);
  if (kept) return kept;
  const funding = query.basis === 'funding';
  const amount = moneyOf('amount_usd', display);
  const period = periodOf(query);
  return sql<FirmRow>`
    select i.company_id${series ? sql`, ${period} as period` : sql``}, ${funding ? sql`sum(${amount})` : sql`count(*)`} as value,
      ${funding ? sql`count(*) - count(${amount})` : sql`0`} as undisclosed
    from investments i
    where ${roundConditions(atlas, query, series)}
    group by ${scanGroupKey(atlas.dialect, sql.ref('i.company_id'))}${series ? sql`, ${period}` : sql``}`;
}

/** A market over every year, not a series: each company has one kept row for it (year '*'). */
const overEveryYear = (query: ConcentrationQuery, series: boolean) => !series && query.from === null && query.to === null;

const WHOLE_YEAR_FROM = /^(\d{4})-01-01$/;
const WHOLE_YEAR_TO = /^(\d{4})-12-31$/;

/**
 * The rows of `company_funding` (decision 029: funding, rounds with an amount and rounds per company and year) a
 * market reads instead of its rounds, as conditions on `alias`, when it allows it: funding or rounds, every round
 * type but funds, US dollars, a window of whole years, yearly periods. Null otherwise (the rounds are summed).
 */
function keptConditions(atlas: Atlas, query: ConcentrationQuery, series: boolean, display: DisplayFx | null, alias = 'f'): RawBuilder<boolean> | null {
  if ((query.basis !== 'funding' && query.basis !== 'rounds') || query.roundTypes.length || !isBase(display)) return null;
  if (series && query.interval !== 'year') return null;
  const from = query.from === null ? null : WHOLE_YEAR_FROM.exec(query.from)?.[1];
  const to = query.to === null ? null : WHOLE_YEAR_TO.exec(query.to)?.[1];
  if (from === undefined || to === undefined) return null;
  const year = sql.ref(`${alias}.year`);
  const conditions: RawBuilder<boolean>[] = [];
  // Year '' holds undated rounds, '*' every year; neither falls in a range of years. The years of a closed window
  // are listed, so that with a few companies (a layer) their kept rows are looked up rather than every row scanned.
  if (from && to) conditions.push(sql<boolean>`${year} in (${sql.join(Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => String(Number(from) + i)))})`);
  else if (overEveryYear(query, series)) conditions.push(sql<boolean>`${year} = ${EVERY_YEAR}`);
  else conditions.push(sql<boolean>`${year} between ${from ?? '0000'} and ${to ?? '9999'}`);
  const spec = query.companies;
  if (spec.q || spec.filters.length > 0) conditions.push(sql<boolean>`${sql.ref(`${alias}.company_id`)} in (select companies.id from companies where ${whereOf(atlas.dialect, spec)})`);
  return sql<boolean>`${sql.join(conditions, sql` and `)}`;
}

/** Funding or rounds by company (and year) from the kept rows: `company_id, [period,] value, undisclosed`. */
function keptFirmValues(atlas: Atlas, query: ConcentrationQuery, series: boolean, display: DisplayFx | null): RawBuilder<FirmRow> | null {
  const where = keptConditions(atlas, query, series, display);
  if (!where) return null;
  const funding = query.basis === 'funding';
  // One kept row per company: nothing to add up (a GROUP BY of 90,000 rows costs twice the scan).
  if (overEveryYear(query, series)) {
    return sql<FirmRow>`
      select f.company_id, ${funding ? sql`case when f.disclosed > 0 then f.funding end` : sql`f.rounds`} as value,
        ${funding ? sql`f.rounds - f.disclosed` : sql`0`} as undisclosed
      from company_funding f where ${where} and f.rounds > 0`;
  }
  const value = funding ? sql`case when sum(f.disclosed) > 0 then sum(f.funding) end` : sql`sum(f.rounds)`;
  const undisclosed = funding ? sql`sum(f.rounds) - sum(f.disclosed)` : sql`0`;
  return sql<FirmRow>`
    select f.company_id${series ? sql`, f.year as period` : sql``}, ${value} as value, ${undisclosed} as undisclosed
    from company_funding f where ${where}
    group by ${series ? sql`f.year, ` : sql``}f.company_id having sum(f.rounds) > 0`;
}

/**
 * A yearly series' sums from the kept rows, one per company and year already: per year a pass for n, Σv, Σv² and one
 * for the four largest v (a sort bounded to four), not a ranking of every company-year (1.0 s → 0.16 s at a million rounds).
 */
function keptSeriesSums(atlas: Atlas, query: ConcentrationQuery, display: DisplayFx | null): RawBuilder<SumsRow> | null {
  const where = keptConditions(atlas, query, true, display, 'f');
  const sameYear = keptConditions(atlas, query, true, display, 'g');
  if (!where || !sameYear) return null;
  const funding = query.basis === 'funding';
  const valueOf = (alias: string) => (funding ? sql`case when ${sql.ref(`${alias}.disclosed`)} > 0 then ${sql.ref(`${alias}.funding`)} end` : sql.ref(`${alias}.rounds`));
  const value = valueOf('f');
  return sql<SumsRow>`
    select p.period, p.n, p.total, p.sum_sq, p.undisclosed,
      (select sum(t.v) from (
        select ${valueOf('g')} as v from company_funding g where g.year = p.period and g.rounds > 0 and ${sameYear} order by v desc nulls last limit 4
      ) t) as top4
    from (
      select f.year as period, count(${value}) as n, sum(${value}) as total, sum(cast(${value} as double precision) * ${value}) as sum_sq,
        ${funding ? sql`sum(f.rounds - f.disclosed)` : sql`0`} as undisclosed
      from company_funding f where f.rounds > 0 and ${where} group by f.year
    ) p`;
}

/** Rows left out: rounds without an amount (funding), firms without a valuation, unattributable rounds. */
async function countRows(atlas: Atlas, query: ConcentrationQuery, series: boolean, display: DisplayFx | null): Promise<CountRow[]> {
  const where = roundConditions(atlas, query, series);
  const money = moneyOf('amount_usd', display);
  const period = periodOf(query);
  const periodSelect = series ? sql`${period} as period, ` : sql``;
  const groupBy = series ? sql`group by ${period}` : sql``;
  if (query.basis === 'valuation') {
    const inner = series ? sql`, ${period}` : sql``;
    const found = await sql<CountRow>`
      select ${series ? sql`x.period as period, ` : sql``}count(*) as undisclosed, 0 as unattributed
      from (select i.company_id${series ? sql`, ${period} as period` : sql``} from investments i where ${where}
            group by ${scanGroupKey(atlas.dialect, sql.ref('i.company_id'))}${inner} having count(i.post_money_usd) = 0) x
      ${series ? sql`group by x.period` : sql``}`.execute(atlas.db);
    return found.rows;
  }
  if (query.by === 'investor') {
    const amount = query.basis === 'funding' ? sql`${money} is not null and ` : sql``;
    const undisclosed = query.basis === 'funding' ? sql`count(*) - count(${money})` : sql`0`;
    const found = await sql<CountRow>`
      select ${periodSelect}${undisclosed} as undisclosed,
        sum(case when ${amount}${hasNoLinks(getCollection('investments'), INVESTORS, sql.ref('i.id'))} then 1 else 0 end) as unattributed
      from investments i where ${where} ${groupBy}`.execute(atlas.db);
    return found.rows;
  }
  return [];
}

/** `valueless`: count firms whose value is null as left out (a latest valuation whose year has no rate). */
function toMarket(rows: readonly FirmRow[], excluded: number, unattributed: number, valueless = false): Market {
  const entries: Entry[] = [];
  let undisclosed = 0;
  for (const row of rows) {
    undisclosed += num(row.undisclosed);
    if (row.value === null || row.value === undefined) {
      if (valueless) undisclosed += 1;
      continue;
    }
    // A row whose value is a number already is an entry as it stands, its Chinese name with it (no copy of 90,000
    // rows; PostgreSQL's sums come as strings).
    entries.push(typeof row.value === 'number' ? (row as Entry) : { id: row.id, name: row.name, value: Number(row.value), name_zh: row.name_zh });
  }
  return { entries, excluded: excluded + undisclosed, unattributed, percentOfMarket: false };
}

/**
 * The per-firm values of the market a query describes (money in `display`'s currency when given). `names` false: each
 * firm's name is its id and its Chinese name null (a caller that names a few firms looks them up: `withNames`).
 */
export async function marketOf(atlas: Atlas, query: ConcentrationQuery, display: DisplayFx | null = null, names = true): Promise<Market> {
  if (query.basis === 'share') return shareMarket(atlas, query);
  const [rows, counts] = await Promise.all([firmRows(atlas, query, false, display, names), countRows(atlas, query, false, display)]);
  const count = counts[0];
  return toMarket(rows, num(count?.undisclosed), num(count?.unattributed), query.basis === 'valuation');
}

/** One market per year or quarter (per estimate period for basis=share), in period order. */
export async function marketSeries(atlas: Atlas, query: ConcentrationQuery, display: DisplayFx | null = null): Promise<{ period: string; market: Market }[]> {
  if (query.basis === 'share') return shareMarketSeries(atlas, query);
  const [rows, counts] = await Promise.all([firmRows(atlas, query, true, display), countRows(atlas, query, true, display)]);
  const byPeriod = new Map<string, FirmRow[]>();
  for (const row of rows) {
    const list = byPeriod.get(String(row.period));
    if (list) list.push(row);
    else byPeriod.set(String(row.period), [row]);
  }
  const countOf = new Map(counts.map((c) => [String(c.period), c]));
  const periods = [...new Set([...byPeriod.keys(), ...countOf.keys()])].sort();
  return periods.map((period) => {
    const count = countOf.get(period);
    return { period, market: toMarket(byPeriod.get(period) ?? [], num(count?.undisclosed), num(count?.unattributed), query.basis === 'valuation') };
  });
}

/** Years of the market's rounds that carry money: which rates a converted answer used, and which it lacked. */
async function moneyYears(atlas: Atlas, query: ConcentrationQuery): Promise<number[]> {
  const column = query.basis === 'valuation' ? sql.ref('i.post_money_usd') : sql.ref('i.amount_usd');
  const found = await sql<{ year: string | null }>`
    select distinct ${yearOf(sql.ref('i.announced_on'))} as year from investments i
    where ${column} is not null and ${roundConditions(atlas, query, false)}`.execute(atlas.db);
  return found.rows.flatMap((r) => (r.year ? [Number(r.year)] : []));
}

/** The fx block of a concentration answer: the rates of the years its money came from, the years without one. */
export async function concentrationFx(atlas: Atlas, query: ConcentrationQuery, display: DisplayFx) {
  if (isBase(display) || query.basis === 'share' || query.basis === 'rounds') return fxBlock(display, []);
  const years = await moneyYears(atlas, query);
  const rated = new Set(display.rates.map((r) => r.year));
  return fxBlock(display, years.filter((y) => rated.has(y)), years.filter((y) => !rated.has(y)));
}

/** `currency=` of a concentration query (it rides on the company filters' spec, as on every list). */
const displayOf = (atlas: Atlas, query: ConcentrationQuery) => displayFxOf(atlas.db, query.companies.currency);

/** The names of the firms a report names (its shares but the grouped rows), looked up once the firms are known. */
async function withNames(atlas: Atlas, report: ConcentrationReport): Promise<ConcentrationReport> {
  const ids = report.shares.map((s) => s.id).filter((id) => id !== OTHERS_ID && id !== UNATTRIBUTED_ID);
  if (ids.length === 0) return report;
  const found = await sql<{ id: string; name: string; name_zh: string | null }>`select id, name, name_zh from companies where id in (${sql.join(ids)})`.execute(atlas.db);
  const byId = new Map(found.rows.map((r) => [r.id, r]));
  const shares = report.shares.map((share) => {
    const known = byId.get(share.id);
    return known ? { ...share, name: known.name, name_zh: known.name_zh ?? null } : share;
  });
  return { ...report, shares };
}

export async function concentrationReport(atlas: Atlas, query: ConcentrationQuery, top: number | null = query.top): Promise<ConcentrationReport> {
  const display = await displayOf(atlas, query);
  // A report that names a few firms (a board tile names 12 or none) looks up their names alone, not every firm's; on
  // SQLite, from the kept funding per company, the database measures it (db/measured-report.ts). Not on PostgreSQL,
  // where the kept rows are a view adding deltas: each of the three statements would add them up again (2× slower).
  const names = top === null || query.basis === 'share';
  // A window of years sums several kept rows per company, which each of the three statements would do again: rows.
  const measured = !names && top !== null && top <= MAX_MEASURED_TOP && query.by === 'company' && atlas.dialect === 'sqlite' && overEveryYear(query, false);
  const kept = measured ? keptFirmValues(atlas, query, false, display) : null;
  const built = kept && top !== null ? buildMeasuredReport(query, await measuredMarket(atlas, kept, top), top) : buildReport(query, await marketOf(atlas, query, display, names), top);
  const report = names ? built : await withNames(atlas, built);
  return display ? { ...report, fx: await concentrationFx(atlas, query, display) } : report;
}

/**
 * A series measured in SQL: funding or rounds by company (one value per company and period, summed). On PostgreSQL
 * only from the kept rows (keptSeriesSums: four largest per year by a bounded sort): ranking all 630,000 company-years
 * spilled its sort to disk with the default work_mem and took 10.7 s at a million rounds, against 4.8 s for the
 * per-company rows (decision 028).
 */
const measuredInSql = (atlas: Atlas, query: ConcentrationQuery, display: DisplayFx | null) =>
  query.by === 'company' && (query.basis === 'funding' || query.basis === 'rounds') && (atlas.dialect === 'sqlite' || keptSeriesSums(atlas, query, display) !== null);

interface SumsRow {
  period: string;
  n: number | string;
  total: number | string | null;
  sum_sq: number | string | null;
  top4: number | string | null;
  undisclosed: number | string | null;
}

/**
 * The points of a series of funding or rounds by company, measured in SQL: per period the firms with a value, Σv, Σv²
 * and the four largest v (rows per period, not one row per company and period: 630,000 of them at a million rounds),
 * from the funding kept per company and year when the market allows it (keptSeriesSums).
 * The same numbers `concentrationSeries` computes from `marketSeries` (a test holds them equal).
 */
export async function seriesPoints(atlas: Atlas, query: ConcentrationQuery, display: DisplayFx | null): Promise<SeriesPoint[]> {
  const amount = moneyOf('amount_usd', display);
  const period = periodOf(query);
  const funding = query.basis === 'funding';
  const found = await (
    keptSeriesSums(atlas, query, display) ??
    sql<SumsRow>`
    select r.period as period, count(r.value) as n, sum(r.value) as total, sum(cast(r.value as double precision) * r.value) as sum_sq,
      sum(case when r.rk <= 4 then r.value end) as top4, sum(r.undisclosed) as undisclosed
    from (
      select f.period, f.value, f.undisclosed, row_number() over (partition by f.period order by f.value desc nulls last) as rk
      from (
        select ${period} as period, ${funding ? sql`sum(${amount})` : sql`count(*)`} as value, ${funding ? sql`count(*) - count(${amount})` : sql`0`} as undisclosed
        from investments i
        where ${roundConditions(atlas, query, true)}
        group by ${scanGroupKey(atlas.dialect, sql.ref('i.company_id'))}, ${period}
      ) f
    ) r
    group by r.period`
  ).execute(atlas.db);
  return found.rows
    .map((r) => seriesPointOf(String(r.period), { n: num(r.n), total: num(r.total), sumSq: num(r.sum_sq), top4: num(r.top4), excluded: num(r.undisclosed) }))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}

export async function concentrationSeriesReport(atlas: Atlas, query: ConcentrationQuery): Promise<SeriesReport> {
  const display = await displayOf(atlas, query);
  const report = measuredInSql(atlas, query, display) ? seriesReport(query, await seriesPoints(atlas, query, display)) : buildSeries(query, await marketSeries(atlas, query, display));
  return display ? { ...report, fx: await concentrationFx(atlas, query, display) } : report;
}
