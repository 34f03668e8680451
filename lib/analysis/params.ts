/**
 * URL → validated query of the two analysis views, the market map (/market-map, GET /api/v1/market-map) and the
 * co-investor network (/network, GET /api/v1/coinvestments), and back. Every parameter is single-valued; an
 * empty value (a GET form's unset field) means "not set"; anything unknown or malformed is a 400 naming it.
 * No zod and no registry index here: browser code imports this through lib/query/view-state.ts.
 */
import { isValidId } from '../collections/checks';
import { LAYERS, REGIONS } from '../collections/companies';
import { badRequest } from '../errors';

export type Layer = (typeof LAYERS)[number];
export type Region = (typeof REGIONS)[number];

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** Companies shown per vertical by default; the rest are summed into the vertical's `others`. */
export const DEFAULT_MAP_TOP = 40;
export const MAX_MAP_TOP = 500;
/** Default minimum of shared rounds for a pair of investors to be drawn. */
export const DEFAULT_MIN_SHARED = 2;
export const MAX_MIN_SHARED = 1000;
/** How many pairs (the strongest first) the network answers by default, and at most. */
export const DEFAULT_PAIR_LIMIT = 200;
export const MAX_PAIR_LIMIT = 2000;

/** Filters both views share: on the funded company (layer, region) and the round's year (announced_on). */
export interface RoundWindow {
  layer: Layer | null;
  region: Region | null;
  /** Inclusive years of announced_on. */
  from: number | null;
  to: number | null;
}

export interface MarketMapQuery extends RoundWindow {
  /** ISO 3166-1 alpha-2 of the company, upper case. */
  country: string | null;
  /** Only companies with a round this investor (or a company whose parent it is) took part in. */
  investor: string | null;
  /** Companies named per vertical (the rest summed); null: DEFAULT_MAP_TOP. */
  top: number | null;
}

export interface NetworkQuery extends RoundWindow {
  /** Pairs sharing at least this many rounds; null: DEFAULT_MIN_SHARED. */
  min: number | null;
  /** Only pairs with this investor in them (its co-investors). */
  investor: string | null;
  /** The strongest pairs answered; null: DEFAULT_PAIR_LIMIT. */
  limit: number | null;
}

export const MARKET_MAP_PARAMS = ['layer', 'region', 'country', 'from', 'to', 'investor', 'top'] as const;
export const NETWORK_PARAMS = ['layer', 'region', 'from', 'to', 'min', 'investor', 'limit'] as const;

/** The one value of a parameter, undefined when absent or empty; a repeated parameter is a 400. */
function single(params: URLSearchParams, key: string): string | undefined {
  const values = params.getAll(key);
  if (values.length > 1) throw badRequest(`${key} may be given only once`, key);
  const value = values[0]?.trim();
  return value ? value : undefined;
}

function refuseUnknown(params: URLSearchParams, known: readonly string[]): void {
  for (const key of params.keys()) if (!known.includes(key)) throw badRequest(`unknown parameter "${key.slice(0, 60)}"`, key);
}

function oneOf<T extends string>(values: readonly T[], raw: string | undefined, param: string): T | null {
  if (raw === undefined) return null;
  if (!(values as readonly string[]).includes(raw)) throw badRequest(`${param} must be one of ${values.join(', ')}; got "${raw.slice(0, 40)}"`, param);
  return raw as T;
}

function wholeNumber(raw: string | undefined, param: string, min: number, max: number): number | null {
  if (raw === undefined) return null;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw badRequest(`${param} must be a whole number from ${min} to ${max}`, param);
  return Number(raw);
}

function year(raw: string | undefined, param: 'from' | 'to'): number | null {
  if (raw === undefined) return null;
  if (!/^\d{4}$/.test(raw) || Number(raw) < MIN_YEAR || Number(raw) > MAX_YEAR) throw badRequest(`${param} must be a year from ${MIN_YEAR} to ${MAX_YEAR} (YYYY), not "${raw.slice(0, 40)}"`, param);
  return Number(raw);
}

function investorId(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!isValidId(raw)) throw badRequest('investor must be the id of a company (lower-case letters, digits, ".", "_" or "-")', 'investor');
  return raw;
}

function roundWindow(params: URLSearchParams): RoundWindow {
  const from = year(single(params, 'from'), 'from');
  const to = year(single(params, 'to'), 'to');
  if (from !== null && to !== null && from > to) throw badRequest(`from (${from}) is after to (${to})`, 'from');
  return { layer: oneOf(LAYERS, single(params, 'layer'), 'layer'), region: oneOf(REGIONS, single(params, 'region'), 'region'), from, to };
}

export interface ParseAnalysisOptions {
  /** Parameters the page reads itself (the network table's sort), not the API. */
  extra?: readonly string[];
}

export function parseMarketMapQuery(params: URLSearchParams, options: ParseAnalysisOptions = {}): MarketMapQuery {
  refuseUnknown(params, [...MARKET_MAP_PARAMS, ...(options.extra ?? [])]);
  const countryRaw = single(params, 'country');
  if (countryRaw !== undefined && !/^[A-Za-z]{2}$/.test(countryRaw)) throw badRequest(`country must be a two-letter ISO 3166-1 code such as US or CN, not "${countryRaw.slice(0, 40)}"`, 'country');
  return {
    ...roundWindow(params),
    country: countryRaw?.toUpperCase() ?? null,
    investor: investorId(single(params, 'investor')),
    top: wholeNumber(single(params, 'top'), 'top', 1, MAX_MAP_TOP),
  };
}

export function parseNetworkQuery(params: URLSearchParams, options: ParseAnalysisOptions = {}): NetworkQuery {
  refuseUnknown(params, [...NETWORK_PARAMS, ...(options.extra ?? [])]);
  return {
    ...roundWindow(params),
    min: wholeNumber(single(params, 'min'), 'min', 1, MAX_MIN_SHARED),
    investor: investorId(single(params, 'investor')),
    limit: wholeNumber(single(params, 'limit'), 'limit', 1, MAX_PAIR_LIMIT),
  };
}

/** The inverse of the parsers: the set values in the order of their parameter list, defaults left out. */
function toParams<Q extends object>(query: Q, keys: readonly (keyof Q & string)[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = query[key];
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  return params;
}

export const marketMapToParams = (query: MarketMapQuery): URLSearchParams => toParams(query, MARKET_MAP_PARAMS);
export const networkToParams = (query: NetworkQuery): URLSearchParams => toParams(query, NETWORK_PARAMS);

/** The window's first and last day as ISO dates, for a condition on announced_on. */
export function windowDates(query: Pick<RoundWindow, 'from' | 'to'>): { from: string | null; to: string | null } {
  return { from: query.from === null ? null : `${query.from}-01-01`, to: query.to === null ? null : `${query.to}-12-31` };
}
