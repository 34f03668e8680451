import { BASE_CURRENCY, toUsd, unitsPerUsd, yearOf, type FxLookup } from './rates';

// On write, a round reported only in another currency gets its US-dollar amount at its year's average rate,
// marked `converted` (usdAmountOf: the investments registry's derive; docs/decisions/027). Kept apart from the
// display conversion (convert.ts) so that the registry, which the browser loads too, stays small.

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
