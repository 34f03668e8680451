import { sql, type RawBuilder } from 'kysely';
import { getCollection } from '../lib/collections';
import { fxBlock, isBase, type DisplayFx, type FxBlock } from '../lib/fx/convert';
import type { Atlas } from './connection';
import { quarterOf, yearOf } from './dialect';
import { roundTypeCondition } from './concentration';
import { moneyIn } from './fx';
import { linkedTo } from './relations';

// The dashboard's aggregates. Each is one GROUP BY over the rounds; amounts are disclosed amounts only, and a
// fund's size (round_type 'fund') is not a round: left out everywhere (db/concentration.ts roundTypeCondition).
// With a display currency (`currency=`) each round's amount is taken at its year's rate; a round whose year has
// no rate is left out of the sums, as an undisclosed amount is (never counted as 0).

/** A round's amount (`i.amount_usd`) in the display currency; as stored in US dollars without one. */
export const amountIn = (display: DisplayFx | null | undefined): RawBuilder<number | null> => moneyIn(sql.ref('i.amount_usd'), sql.ref('i.announced_on'), display);

export const UNICORN_USD = 1_000_000_000;

/** "OpenAI-backed": the round `i` matches `investor=openai` (a participant is OpenAI or a child of it). */
function backedBy(companyId: string): RawBuilder<boolean> {
  const rounds = getCollection('investments');
  const filter = rounds.relationFilters?.find((f) => f.param === 'investor');
  if (!filter) throw new Error('investments declare no investor filter');
  return linkedTo(rounds, filter, companyId, sql.ref('i.id'));
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Rounds the investor (or a child of it, such as the OpenAI Startup Fund) took part in; a fund's size is no round. */
export async function roundsBackedBy(atlas: Atlas, investorId: string): Promise<number> {
  const found = await sql<{ n: number | string }>`
    select count(*) as n from investments i where ${backedBy(investorId)} and ${roundTypeCondition()}`.execute(atlas.db);
  return num(found.rows[0]?.n);
}

/**
 * Unicorns: companies whose latest disclosed post-money valuation (latest by announced_on, then round id)
 * is at least US$1B. A company valued over US$1B once and lower since is not counted.
 */
export async function unicornCount(atlas: Atlas): Promise<number> {
  const found = await sql<{ n: number | string }>`
    select count(*) as n from (
      select i.post_money_usd, row_number() over (partition by i.company_id order by i.announced_on desc nulls last, i.id desc) as rk
      from investments i where i.post_money_usd is not null and ${roundTypeCondition()}
    ) v where v.rk = 1 and v.post_money_usd >= ${UNICORN_USD}`.execute(atlas.db);
  return num(found.rows[0]?.n);
}

export interface LayerQuarter {
  period: string;
  layer: string | null;
  total: number;
  rounds: number;
}

/**
 * Disclosed funding per quarter and layer of the funded company (dated rounds with an amount), in `display`'s
 * currency when given, optionally within a window of announcement dates (inclusive ISO dates; /timeline narrows it so).
 */
export async function fundingByQuarterAndLayer(atlas: Atlas, display: DisplayFx | null = null, window: { from?: string | null; to?: string | null } = {}): Promise<LayerQuarter[]> {
  const period = quarterOf(sql.ref('i.announced_on'));
  const amount = amountIn(display);
  const from = window.from ? sql` and i.announced_on >= ${window.from}` : sql``;
  const to = window.to ? sql` and i.announced_on <= ${window.to}` : sql``;
  const found = await sql<{ period: string; layer: string | null; total: number | string; rounds: number | string }>`
    select ${period} as period, c.layer as layer, sum(${amount}) as total, count(*) as rounds
    from investments i join companies c on c.id = i.company_id
    where ${amount} is not null and i.announced_on is not null and ${roundTypeCondition()}${from}${to}
    group by ${period}, c.layer order by 1`.execute(atlas.db);
  return found.rows.map((r) => ({ period: r.period, layer: r.layer, total: num(r.total), rounds: num(r.rounds) }));
}

export interface RegionYear {
  period: string;
  region: string | null;
  total: number;
  rounds: number;
}

export async function fundingByYearAndRegion(atlas: Atlas, display: DisplayFx | null = null): Promise<RegionYear[]> {
  const period = yearOf(sql.ref('i.announced_on'));
  const amount = amountIn(display);
  const found = await sql<{ period: string; region: string | null; total: number | string; rounds: number | string }>`
    select ${period} as period, c.region as region, sum(${amount}) as total, count(*) as rounds
    from investments i join companies c on c.id = i.company_id
    where ${amount} is not null and i.announced_on is not null and ${roundTypeCondition()}
    group by ${period}, c.region order by 1`.execute(atlas.db);
  return found.rows.map((r) => ({ period: r.period, region: r.region, total: num(r.total), rounds: num(r.rounds) }));
}

export interface FundedCompany {
  id: string;
  name: string;
  name_zh: string | null;
  layer: string | null;
  vertical: string | null;
  total: number;
  rounds: number;
  latest: string | null;
  /** Rounds with a US-dollar amount that the display currency has no rate for (left out of `total`). */
  unconverted?: number;
}

/** Companies by disclosed funding to date, largest first. */
export async function topFunded(atlas: Atlas, limit = 10, display: DisplayFx | null = null): Promise<FundedCompany[]> {
  const amount = amountIn(display);
  const found = await sql<FundedCompany>`
    select c.id as id, c.name as name, c.name_zh as name_zh, c.layer as layer, c.vertical as vertical,
      a.total as total, a.rounds as rounds, a.latest as latest
    from (select i.company_id, sum(${amount}) as total, count(*) as rounds, max(i.announced_on) as latest
          from investments i where ${amount} is not null and ${roundTypeCondition()} group by i.company_id) a
    join companies c on c.id = a.company_id
    order by a.total desc, c.id limit ${limit}`.execute(atlas.db);
  return found.rows.map((r) => ({ ...r, total: num(r.total), rounds: num(r.rounds) }));
}

/** Companies OpenAI (or a child such as the Startup Fund) invested in; OpenAI's own entities left out. */
export async function portfolioOf(atlas: Atlas, investorId = 'openai', display: DisplayFx | null = null): Promise<FundedCompany[]> {
  const amount = amountIn(display);
  const found = await sql<FundedCompany>`
    select c.id as id, c.name as name, c.name_zh as name_zh, c.layer as layer, c.vertical as vertical,
      sum(${amount}) as total, sum(case when i.amount_usd is not null and ${amount} is null then 1 else 0 end) as unconverted, count(*) as rounds, max(i.announced_on) as latest
    from investments i join companies c on c.id = i.company_id
    where ${backedBy(investorId)} and ${roundTypeCondition()} and c.id <> ${investorId} and (c.parent_id is null or c.parent_id <> ${investorId})
    group by c.id, c.name, c.name_zh, c.layer, c.vertical
    order by max(i.announced_on) desc nulls last, c.id`.execute(atlas.db);
  return found.rows.map((r) => ({ ...r, total: num(r.total), rounds: num(r.rounds), unconverted: num(r.unconverted) }));
}

/**
 * The fx block of the dashboard: the display currency's rates for the years whose rounds carry an amount, and the
 * years among them without a rate (their amounts are left out of every sum). Null in US dollars as stored.
 */
export async function dashboardFx(atlas: Atlas, display: DisplayFx | null): Promise<FxBlock | null> {
  if (!display) return null;
  if (isBase(display)) return fxBlock(display, []);
  const found = await sql<{ year: string | null }>`
    select distinct ${yearOf(sql.ref('i.announced_on'))} as year from investments i
    where i.amount_usd is not null and ${roundTypeCondition()}`.execute(atlas.db);
  const years = found.rows.flatMap((r) => (r.year ? [Number(r.year)] : []));
  const rated = new Set(display.rates.map((r) => r.year));
  return fxBlock(display, years.filter((y) => rated.has(y)), years.filter((y) => !rated.has(y)));
}
