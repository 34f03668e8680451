/**
 * URL → validated concentration query. The concentration parameters are parsed here; every other
 * parameter is a `companies` list filter (layer=, region=, q=, founded_year__gte=…) parsed by the
 * registry's parser, so any companies filter works and an unknown one is a 400 naming it.
 */
import { companies as companiesCollection } from '../collections/companies'; // not the index: see lib/query/parse.ts
import { SHARE_BASES } from '../collections/market-shares';
import { ROUND_TYPES } from '../collections/investments';
import { isValidIsoDate } from '../collections/checks';
import { badRequest } from '../errors';
import { parseQuery, specToParams } from '../query/parse';
import { PAGING_PARAMS, type QuerySpec } from '../query/spec';
import { DEFAULT_GUIDELINES, GUIDELINES, type Guidelines } from './bands';

import { BASES, BY, INTERVALS, type Basis, type By, type Interval } from './choices';

export { BASES, BY, INTERVALS };
export type { Basis, By, Interval };
export type ShareBasis = (typeof SHARE_BASES)[number];
export type RoundType = (typeof ROUND_TYPES)[number];
export const MAX_TOP = 1000;

/** The parameters this parser owns; everything else is a companies filter. */
export const CONCENTRATION_PARAMS = ['basis', 'by', 'from', 'to', 'segment', 'period', 'shareBasis', 'top', 'guidelines', 'interval', 'round_type'] as const;
/** List parameters of the companies table that mean nothing here. */
const LIST_ONLY = PAGING_PARAMS;

export interface ConcentrationQuery {
  basis: Basis;
  by: By;
  /** Inclusive ISO dates; `YYYY` and `YYYY-MM` in the URL are widened to whole years and months. */
  from: string | null;
  to: string | null;
  segment: string | null;
  period: string | null;
  shareBasis: ShareBasis | null;
  top: number | null;
  guidelines: Guidelines;
  interval: Interval;
  /**
   * Which rounds count (`round_type=…`, repeatable). Empty: every round except a fund's size (`fund`), which is
   * not money raised by a company (issue 21); `round_type=fund` asks for those explicitly.
   */
  roundTypes: readonly RoundType[];
  /** The company filters: which companies form the market (for by=investor: the funded companies). */
  companies: QuerySpec;
}

export interface ParseConcentrationOptions {
  /** Parameters the caller handles itself (page-only settings such as `mergeA`). */
  extra?: readonly string[];
}

function oneOf<T extends string>(values: readonly T[], raw: string | undefined, param: string, fallback: T): T {
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw)) throw badRequest(`${param} must be one of ${values.join(', ')}; got "${raw}"`, param);
  return raw as T;
}

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `2023` / `2023-06` / `2023-06-15` → an ISO date at the start (from) or end (to) of that span. */
export function parseBound(raw: string, param: 'from' | 'to'): string {
  const fail = () => badRequest(`${param} must be a real date as YYYY-MM-DD (or YYYY, YYYY-MM), not "${raw.slice(0, 40)}"`, param);
  if (/^\d{4}$/.test(raw)) return param === 'from' ? `${raw}-01-01` : `${raw}-12-31`;
  const month = /^(\d{4})-(\d{2})$/.exec(raw);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) throw fail();
    const day = param === 'from' ? 1 : lastDayOfMonth(Number(month[1]), m);
    return `${raw}-${String(day).padStart(2, '0')}`;
  }
  if (!isValidIsoDate(raw)) throw fail();
  return raw;
}

function text(raw: string | undefined, param: string, max: number): string | null {
  if (raw === undefined) return null;
  const value = raw.trim();
  if (value === '') throw badRequest(`${param} must not be empty`, param);
  if (value.length > max) throw badRequest(`${param} is longer than ${max} characters`, param);
  return value;
}

export function parseConcentrationQuery(params: URLSearchParams, options: ParseConcentrationOptions = {}): ConcentrationQuery {
  const own = new Set<string>(CONCENTRATION_PARAMS);
  const single = (key: string): string | undefined => {
    const values = params.getAll(key);
    if (values.length > 1) throw badRequest(`${key} may be given only once`, key);
    return values[0];
  };
  for (const key of LIST_ONLY) if (params.has(key)) throw badRequest(`unknown parameter "${key}"`, key);

  const basis = oneOf(BASES, single('basis'), 'basis', 'funding');
  const by = oneOf(BY, single('by'), 'by', 'company');
  if (by === 'investor' && (basis === 'valuation' || basis === 'share')) {
    throw badRequest(`by=investor works with basis funding or rounds, not ${basis}`, 'by');
  }
  const guidelines = oneOf(Object.keys(GUIDELINES) as Guidelines[], single('guidelines'), 'guidelines', DEFAULT_GUIDELINES);
  const interval = oneOf(INTERVALS, single('interval'), 'interval', 'year');

  const topRaw = single('top');
  let top: number | null = null;
  if (topRaw !== undefined) {
    if (!/^\d{1,5}$/.test(topRaw) || Number(topRaw) < 1 || Number(topRaw) > MAX_TOP) {
      throw badRequest(`top must be a whole number from 1 to ${MAX_TOP}`, 'top');
    }
    top = Number(topRaw);
  }

  const fromRaw = single('from');
  const toRaw = single('to');
  const from = fromRaw === undefined || fromRaw === '' ? null : parseBound(fromRaw, 'from');
  const to = toRaw === undefined || toRaw === '' ? null : parseBound(toRaw, 'to');
  if (from && to && from > to) throw badRequest(`from (${from}) is after to (${to})`, 'from');

  const segment = text(single('segment'), 'segment', 200);
  const period = text(single('period'), 'period', 20);
  const shareBasisRaw = single('shareBasis');
  const shareBasis = shareBasisRaw === undefined ? null : oneOf(SHARE_BASES, shareBasisRaw, 'shareBasis', 'revenue');
  if (basis !== 'share') {
    for (const [param, value] of [['segment', segment], ['period', period], ['shareBasis', shareBasis]] as const) {
      if (value !== null) throw badRequest(`${param} applies only to basis=share`, param);
    }
  }

  const roundTypes = [...new Set(params.getAll('round_type'))].map((raw) => oneOf(ROUND_TYPES, raw, 'round_type', 'other'));
  if (basis === 'share' && roundTypes.length) throw badRequest('round_type does not apply to basis=share', 'round_type');

  const companies = parseQuery(companiesCollection, params, { extra: [...own, ...(options.extra ?? [])] });
  return { basis, by, from, to, segment, period, shareBasis, top, guidelines, interval, roundTypes, companies };
}

/** The inverse of parseConcentrationQuery (defaults left out): for links, exports and the API twin. */
export function concentrationToParams(query: ConcentrationQuery, options: { series?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.basis !== 'funding') params.set('basis', query.basis);
  if (query.by !== 'company') params.set('by', query.by);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.segment) params.set('segment', query.segment);
  if (query.period) params.set('period', query.period);
  if (query.shareBasis) params.set('shareBasis', query.shareBasis);
  if (query.top !== null) params.set('top', String(query.top));
  if (query.guidelines !== DEFAULT_GUIDELINES) params.set('guidelines', query.guidelines);
  if (options.series && query.interval !== 'year') params.set('interval', query.interval);
  for (const type of query.roundTypes) params.append('round_type', type);
  for (const [key, value] of specToParams(query.companies)) params.append(key, value);
  return params;
}

/** Only the company filters, as a query string (for the source line and the companies table link). */
export function companyFilterParams(query: ConcentrationQuery): URLSearchParams {
  const params = specToParams(query.companies);
  for (const key of [...LIST_ONLY, 'currency']) params.delete(key);
  return params;
}

/** Start date of a market-share period label: `2023`, `2023-Q2`, `2023-H2`, `2023-05`, `2023-05-31`. */
export function periodStart(period: string): string | null {
  const m = /^(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})(?:-(\d{2}))?))?$/.exec(period.trim());
  if (!m) return null;
  const [, year, quarter, half, month, day] = m;
  if (quarter) return `${year}-${String((Number(quarter) - 1) * 3 + 1).padStart(2, '0')}-01`;
  if (half) return `${year}-${half === '1' ? '01' : '07'}-01`;
  if (month) {
    const date = `${year}-${month}-${day ?? '01'}`;
    return isValidIsoDate(date) ? date : null;
  }
  return `${year}-01-01`;
}

/** Whether a market-share period starts inside the window (an unreadable label only without a window). */
export function periodInWindow(period: string, from: string | null, to: string | null): boolean {
  if (!from && !to) return true;
  const start = periodStart(period);
  if (!start) return false;
  return (!from || start >= from) && (!to || start <= to);
}
