// Yearly average exchange rates (the fx-rates collection, data/fx-rates.csv) and the arithmetic on them. Pure:
// no registry, no database. A rate is kept as its source prints it — `rate` with `quote` saying which way it
// reads — so that the stored figure is the published one; every conversion goes through the functions here.

/** The money of the database: every money column holds US dollars (converted or reported, see convert.ts). */
export const BASE_CURRENCY = 'USD';

/** Which way a published rate reads: units of the currency per US dollar, or US dollars per unit (G.5A's "*"). */
export const FX_QUOTES = ['units_per_usd', 'usd_per_unit'] as const;
export type FxQuote = (typeof FX_QUOTES)[number];

export interface FxRate {
  id: string;
  year: number;
  currency: string;
  rate: number;
  quote: FxQuote;
  source_url: string | null;
}

/** Rates of a currency and year, or undefined when there is none (a missing rate stays missing). */
export type FxLookup = (currency: string, year: number) => FxRate | undefined;

export const noRates: FxLookup = () => undefined;

/** Units of the currency one US dollar buys. */
export const unitsPerUsd = (r: Pick<FxRate, 'rate' | 'quote'>): number => (r.quote === 'units_per_usd' ? r.rate : 1 / r.rate);

/** An amount in the rate's currency, in US dollars (divided or multiplied as the rate reads: no inverse rounded first). */
export const toUsd = (amount: number, r: Pick<FxRate, 'rate' | 'quote'>): number => (r.quote === 'units_per_usd' ? amount / r.rate : amount * r.rate);

/** A US-dollar amount in the rate's currency. */
export const fromUsd = (usd: number, r: Pick<FxRate, 'rate' | 'quote'>): number => (r.quote === 'units_per_usd' ? usd * r.rate : usd / r.rate);

const key = (currency: string, year: number) => `${currency}:${year}`;

export function lookupOf(rates: readonly FxRate[]): FxLookup {
  const byKey = new Map(rates.map((r) => [key(r.currency, r.year), r]));
  return (currency, year) => byKey.get(key(currency, year));
}

/** The year of an ISO date (`2023-06-01` → 2023), or null when there is no date. */
export function yearOf(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  const m = /^(\d{4})-/.exec(date);
  return m ? Number(m[1]) : null;
}

/** A currency code as the URL and the rate table spell it: three letters, upper case. */
export const isCurrencyCode = (value: string): boolean => /^[A-Z]{3}$/.test(value);
