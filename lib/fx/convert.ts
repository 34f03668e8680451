import type { Collection, Row } from '../collections/types';
import { rowTemplate } from '../row-template';
import { BASE_CURRENCY, fromUsd, unitsPerUsd, yearOf, type FxRate } from './rates';

// On read, `currency=CNY` shows every money column in CNY at each row's year (convertRows), the rates used named
// in an `fx` block (docs/decisions/027-money-in-the-readers-currency.md). On write, see usd.ts.

export { conversionOf, usdAmountOf, USD_BASES, type UsdBasis } from './usd';

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

/** The keys that flag a collection's money values left null for want of a rate. */
export const missingKeys = (collection: Collection): string[] => moneyColumns(collection).map((column) => missingKey(column.id));

/**
 * Rows with their money columns in the display currency, each at the year of the row's time column; a value
 * whose year has no rate becomes null and is flagged. The rows are copied, unless `inPlace` (rows the caller has
 * just made for this answer: a page of a list, whose rows already hold the flags' keys, db/rows.ts).
 */
export function convertRows<T extends Row>(collection: Collection, rows: readonly T[], display: DisplayFx, inPlace = false): { rows: T[]; fx: FxBlock } {
  const money = moneyColumns(collection);
  const used = new Set<number>();
  const missing = new Set<number>();
  if (isBase(display) || money.length === 0) return { rows: [...rows], fx: fxBlock(display, []) };
  // Each copy has the flags' keys from the start, undefined (left out of JSON) unless a rate is missing: a key added
  // to each copy afterwards would cost V8 a new layout per row (lib/row-template.ts).
  const newRow = inPlace ? null : rowTemplate([], [...Object.keys(rows[0] ?? {}), ...missingKeys(collection)]);
  const converted = rows.map((row) => {
    const year = collection.timeColumn ? yearOf(row[collection.timeColumn]) : null;
    const out: Record<string, unknown> = newRow ? Object.assign(newRow(), row) : row;
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
