import type { Collection, Row } from '../collections/types';
import { BASE_CURRENCY, fromUsd, toUsd, unitsPerUsd, yearOf, type FxLookup, type FxRate } from './rates';

// Two conversions (docs/decisions/027-money-in-the-readers-currency.md):
// - on write, a round reported only in another currency gets its US-dollar amount at its year's average rate,
//   marked `converted` (usdAmountOf, the investments registry's derive);
// - on read, `currency=CNY` shows every money column in CNY at each row's year (convertRows), the rates used
//   named in an `fx` block.

export type UsdBasis = 'reported' | 'converted';
export const USD_BASES = ['reported', 'converted'] as const satisfies readonly UsdBasis[];

/** The US-dollar amount of `amount_original` + `currency` at the year of `announced_on`, or null without a rate. */
export function conversionOf(row: Record<string, unknown>, fx: FxLookup): { amount: number; rate: number; year: number } | null {
  const original = row.amount_original;
  const currency = row.currency;
  const year = yearOf(row.announced_on);
  if (typeof original !== 'number' || typeof currency !== 'string' || currency === BASE_CURRENCY || year === null) return null;
  const rate = fx(currency, year);
  if (!rate) return null;
  const amount = Math.round(toUsd(original, rate));
  // Money is whole dollars above 0: an amount that rounds to nothing is no figure (never 0).
  return amount >= 1 ? { amount, rate: unitsPerUsd(rate), year } : null;
}

/**
 * A round's `amount_usd` and how it was had. `row` is the row as it will be (the stored row with the write
 * merged in); `previous` the row as stored before (null for a new row). A US-dollar amount someone gives is
 * reported and never overwritten; one the row got by conversion is converted again whenever the row changes
 * (it follows its original amount, currency, date and rate). A given amount that is exactly the conversion of
 * the row's own original amount at its year's rate is that conversion (a CSV export imported back, an edit
 * form sending the value it showed), and so is the converted amount sent back unchanged.
 */
export function usdAmountOf(row: Record<string, unknown>, previous: Record<string, unknown> | null, fx: FxLookup): Record<string, unknown> {
  const conversion = conversionOf(row, fx);
  const given = row.amount_usd === null || row.amount_usd === undefined ? null : Number(row.amount_usd);
  const wasConverted = previous?.amount_usd_basis === 'converted';
  const stillConverted = wasConverted && (given === null || given === Number(previous?.amount_usd));
  const isConversion = conversion !== null && given === conversion.amount;
  if (given !== null && !stillConverted && !isConversion) return { amount_usd_basis: 'reported', fx_rate: null, fx_year: null };
  if (conversion) return { amount_usd: conversion.amount, amount_usd_basis: 'converted', fx_rate: conversion.rate, fx_year: conversion.year };
  return { amount_usd: null, amount_usd_basis: null, fx_rate: null, fx_year: null };
}

// ---- Display in another currency ----

/** The rates of the currency an answer is shown in, by year; for USD none are needed. */
export interface DisplayFx {
  currency: string;
  rates: readonly FxRate[];
}

/** What an answer says about its money (`fx` in JSON): the currency, each year's rate used, the years without one. */
export interface FxBlock {
  currency: string;
  /** `rate`: units of `currency` per US dollar, the year's average (from the fx-rates row `id`). */
  rates: { year: number; rate: number; id: string; source_url: string | null }[];
  /** Years of rows with money but no rate in `currency`: their money is null, flagged `<column>_fx_missing`. */
  missing_years: number[];
}

export const isBase = (display: DisplayFx | null | undefined): boolean => !display || display.currency === BASE_CURRENCY;

export function rateFor(display: DisplayFx, year: number | null): FxRate | undefined {
  return year === null ? undefined : display.rates.find((r) => r.year === year);
}

/** A US-dollar amount in the display currency at the year's rate (whole units), or null without a rate. */
export function displayAmount(display: DisplayFx, usd: number, year: number | null): number | null {
  if (isBase(display)) return usd;
  const rate = rateFor(display, year);
  return rate ? Math.round(fromUsd(usd, rate)) : null;
}

export function fxBlock(display: DisplayFx, usedYears: Iterable<number>, missingYears: Iterable<number> = []): FxBlock {
  const used = new Set(usedYears);
  const rates = isBase(display)
    ? []
    : display.rates
        .filter((r) => used.has(r.year))
        .sort((a, b) => a.year - b.year)
        .map((r) => ({ year: r.year, rate: unitsPerUsd(r), id: r.id, source_url: r.source_url }));
  return { currency: display.currency, rates, missing_years: [...new Set(missingYears)].sort((a, b) => a - b) };
}

/** The money columns of a collection. */
export const moneyColumns = (collection: Collection) => collection.columns.filter((c) => c.type === 'money' && !c.virtual);

/** The key that flags a money value left null for want of a rate: `amount_usd` → `amount_usd_fx_missing`. */
export const missingKey = (columnId: string) => `${columnId}_fx_missing`;

/**
 * Rows with their money columns in the display currency, each at the year of the row's time column; a value
 * whose year has no rate becomes null and is flagged. The rows are copied, never changed in place.
 */
export function convertRows<T extends Row>(collection: Collection, rows: readonly T[], display: DisplayFx): { rows: T[]; fx: FxBlock } {
  const money = moneyColumns(collection);
  const used = new Set<number>();
  const missing = new Set<number>();
  if (isBase(display) || money.length === 0) return { rows: [...rows], fx: fxBlock(display, []) };
  const converted = rows.map((row) => {
    const year = collection.timeColumn ? yearOf(row[collection.timeColumn]) : null;
    const out: Record<string, unknown> = { ...row };
    for (const column of money) {
      const value = row[column.id];
      if (value === null || value === undefined) continue;
      const shown = displayAmount(display, Number(value), year);
      out[column.id] = shown;
      if (shown === null) {
        out[missingKey(column.id)] = true;
        if (year !== null) missing.add(year);
      } else if (year !== null) used.add(year);
    }
    return out as T;
  });
  return { rows: converted, fx: fxBlock(display, used, missing) };
}

/**
 * A one-row answer (the row, the rows that point at it, the rounds a company joined) with every money column
 * in the display currency, and one fx block for all of it. `find` looks a collection up (no registry import here).
 */
export function convertAnswer(
  collection: Collection,
  answer: Row & { related?: unknown; investmentsMade?: unknown },
  display: DisplayFx,
  find: (id: string) => Collection | undefined,
): Row & { fx: FxBlock } {
  const used: number[] = [];
  const missing: number[] = [];
  const convert = <T extends Row>(of: Collection | undefined, rows: T[]): T[] => {
    if (!of) return rows;
    const result = convertRows(of, rows, display);
    used.push(...result.fx.rates.map((r) => r.year));
    missing.push(...result.fx.missing_years);
    return result.rows;
  };
  const [row] = convert(collection, [answer]);
  const out: Record<string, unknown> = { ...row };
  if (answer.related && typeof answer.related === 'object') {
    out.related = Object.fromEntries(
      Object.entries(answer.related as Record<string, Record<string, Row[]>>).map(([id, byColumn]) => [
        id,
        Object.fromEntries(Object.entries(byColumn).map(([column, rows]) => [column, convert(find(id), rows)])),
      ]),
    );
  }
  if (Array.isArray(answer.investmentsMade)) out.investmentsMade = convert(find('investments'), answer.investmentsMade as Row[]);
  return { ...(out as Row), fx: fxBlock(display, used, missing) };
}
