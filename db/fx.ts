import { sql, type RawBuilder } from 'kysely';
import type { Collection, DeriveContext } from '../lib/collections/types';
import { usdAmountOf, type DisplayFx } from '../lib/fx/convert';
import { BASE_CURRENCY, FX_QUOTES, lookupOf, noRates, unitsPerUsd, type FxLookup, type FxQuote, type FxRate } from '../lib/fx/rates';
import { badRequest } from '../lib/errors';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import { yearOf } from './dialect';
import { dynamic, type AnyTable } from './types';

// The exchange rates (the fx-rates collection) as the data layer uses them: for deriving a round's US-dollar
// amount on every write, for converting it again when a rate changes, and for showing money in another currency
// (`currency=`), in SQL for aggregates. The table is small (a rate per currency and year): read whole.

const FX_TABLE = 'fx_rates';
const dyn = (exec: Executor) => dynamic(exec as Atlas['db']);

function toRate(raw: AnyTable): FxRate {
  const quote = String(raw.quote);
  return {
    id: String(raw.id),
    year: Number(raw.year),
    currency: String(raw.currency_code),
    rate: Number(raw.rate),
    quote: (FX_QUOTES as readonly string[]).includes(quote) ? (quote as FxQuote) : 'units_per_usd',
    source_url: (raw.source_url as string | null) ?? null,
  };
}

export async function loadRates(exec: Executor, currency?: string): Promise<FxRate[]> {
  // A template rather than the query builder: this runs on every list shown in another currency (issue 20's
  // ≤ 10% target), and the builder took about as long as the statement.
  const only = currency === undefined ? sql`` : sql` where currency_code = ${currency}`;
  const { rows } = await sql<AnyTable>`select id, year, currency_code, rate, quote, source_url from ${sql.table(FX_TABLE)}${only} order by currency_code, year`.execute(exec);
  return rows.map(toRate);
}

export const fxLookupOf = async (exec: Executor): Promise<FxLookup> => lookupOf(await loadRates(exec));

/** What `derive` reads for a write of this collection: the rates only when its rows derive from them. */
export async function deriveContextFor(exec: Executor, collection: Collection, previous: Record<string, unknown> | null): Promise<DeriveContext> {
  const fx = collection.deriveUses?.includes('fx-rates') ? await fxLookupOf(exec) : noRates;
  return { previous, fx };
}

/** The currencies money can be shown in: US dollars and every currency with a rate. */
export async function currencies(exec: Executor): Promise<string[]> {
  const found = await dyn(exec).selectFrom(FX_TABLE).select(sql<string>`currency_code`.as('currency')).groupBy(sql.ref('currency_code')).orderBy(sql.ref('currency_code')).execute();
  return [BASE_CURRENCY, ...found.map((r) => String(r.currency))];
}

/**
 * The rates to show money in `currency` (null: as stored, in US dollars). A currency without any rate is a 400
 * naming `currency`, listing those there are.
 */
export async function displayFxOf(exec: Executor, currency: string | null | undefined): Promise<DisplayFx | null> {
  if (!currency) return null;
  if (currency === BASE_CURRENCY) return { currency, rates: [] };
  const rates = await loadRates(exec, currency);
  if (rates.length === 0) {
    const known = await currencies(exec);
    throw badRequest(`currency must be one of ${known.join(', ')} (a currency with yearly rates in fx-rates); got "${currency}"`, 'currency');
  }
  return { currency, rates };
}

/**
 * A US-dollar money expression in the display currency at the year of `date` (an ISO date column): the value
 * times that year's rate, null where the year has no rate. Rates are bound values, one CASE arm per year.
 */
export function moneyIn(value: RawBuilder<unknown>, date: RawBuilder<unknown>, display: DisplayFx | null | undefined): RawBuilder<number | null> {
  if (!display || display.currency === BASE_CURRENCY) return sql<number | null>`${value}`;
  if (display.rates.length === 0) return sql<number | null>`cast(null as double precision)`;
  const arms = display.rates.map((r) => sql`when ${String(r.year)} then cast(${unitsPerUsd(r)} as double precision)`);
  return sql<number | null>`(${value} * (case ${yearOf(date)} ${sql.join(arms, sql` `)} else null end))`;
}

/** Years (as text) of the display currency without a rate, for the `missing_years` of an aggregate's fx block. */
export const yearsWithRate = (display: DisplayFx | null | undefined): Set<number> => new Set(display?.rates.map((r) => r.year) ?? []);

const ROUND_KEYS = ['amount_usd', 'amount_usd_basis', 'fx_rate', 'fx_year'] as const;

/** Equal as stored: PostgreSQL may answer a number as text, so numbers compare by value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return typeof a === 'string' && typeof b === 'string' ? a === b : Number(a) === Number(b);
}

/**
 * Convert again the rounds a change of rates touches (`pairs` of currency and year; 'all': every round with an
 * amount in another currency): each is derived anew from its stored row, as a write would (lib/fx/convert.ts).
 * Derived values follow their inputs; the rounds' change log does not list these (decision 027).
 */
export async function reconvertRounds(exec: Executor, pairs: { currency: string; year: number }[] | 'all'): Promise<number> {
  if (pairs !== 'all' && pairs.length === 0) return 0;
  const fx = await fxLookupOf(exec);
  const matches =
    pairs === 'all'
      ? sql<boolean>`currency <> ${BASE_CURRENCY}`
      : sql<boolean>`(${sql.join(pairs.map((p) => sql`(currency = ${p.currency} and announced_on >= ${`${p.year}-01-01`} and announced_on <= ${`${p.year}-12-31`})`), sql` or `)})`;
  const rows = await dyn(exec)
    .selectFrom('investments')
    .select(['id', 'amount_usd', 'amount_original', 'currency', 'announced_on', ...ROUND_KEYS.slice(1)])
    .where(sql<boolean>`amount_original is not null and currency is not null and ${matches}`)
    .execute();
  let changed = 0;
  for (const row of rows) {
    const derived: Record<string, unknown> = { amount_usd: row.amount_usd, ...usdAmountOf(row, row, fx) };
    if (ROUND_KEYS.every((k) => sameValue(row[k], derived[k]))) continue;
    const set = Object.fromEntries(ROUND_KEYS.map((k) => [k, derived[k] ?? null]));
    await dyn(exec).updateTable('investments').set(set).where(sql.ref('id'), '=', String(row.id)).execute();
    changed++;
  }
  return changed;
}

/** The currency and year of fx-rates rows (before and after a write), for reconvertRounds. */
export function ratePairs(rows: readonly (Record<string, unknown> | null | undefined)[]): { currency: string; year: number }[] {
  const seen = new Map<string, { currency: string; year: number }>();
  for (const row of rows) {
    if (!row || typeof row.currency_code !== 'string' || row.year === null || row.year === undefined) continue;
    seen.set(`${row.currency_code}:${String(row.year)}`, { currency: row.currency_code, year: Number(row.year) });
  }
  return [...seen.values()];
}

