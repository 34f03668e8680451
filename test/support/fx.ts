import { expect } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import { call } from './http';

// Exchange rates and rounds in other currencies for the fx tests: the G.5A figures of data/fx-rates.csv for the
// years the tests use (no CNY rate for 2019, none at all for 2026), and rounds reported in KRW and CNY.

export const RATES = [
  { id: 'krw-2022', currency_code: 'KRW', year: 2022, rate: 1291.7796, quote: 'units_per_usd', source_url: 'https://federalreserve.gov/releases/g5a/20240201' },
  { id: 'cny-2022', currency_code: 'CNY', year: 2022, rate: 6.729, quote: 'units_per_usd', source_url: 'https://federalreserve.gov/releases/g5a/20240201' },
  { id: 'cny-2023', currency_code: 'CNY', year: 2023, rate: 7.0809, quote: 'units_per_usd', source_url: 'https://federalreserve.gov/releases/g5a/20240201' },
  { id: 'eur-2023', currency_code: 'EUR', year: 2023, rate: 1.0817, quote: 'usd_per_unit', source_url: 'https://federalreserve.gov/releases/g5a/20240201' },
] as const;

/** Reported only in another currency (Descript's KRW 65.5 bn, a CNY round), one with its US-dollar figure too, one without a rate. */
export const FOREIGN_ROUNDS = [
  { id: 'krw-round', company_id: 'harvey', round_type: 'other', announced_on: '2022-10-01', date_precision: 'month', amount_original: 65_500_000_000, currency: 'KRW' },
  { id: 'cny-round', company_id: 'zhipu-ai', round_type: 'other', announced_on: '2023-06-01', date_precision: 'month', amount_original: 2_500_000_000, currency: 'CNY' },
  { id: 'cny-reported', company_id: 'baidu', round_type: 'strategic', announced_on: '2023-01-01', date_precision: 'year', amount_usd: 340_000_000, amount_original: 2_500_000_000, currency: 'CNY' },
  { id: 'cny-2026', company_id: 'zhipu-ai', round_type: 'ipo', announced_on: '2026-01-08', date_precision: 'day', amount_original: 4_350_000_000, currency: 'HKD' },
] as const;

/** 65.5 bn won at 1,291.7796 won per US$; 2.5 bn yuan at 7.0809 yuan per US$ (whole dollars). */
export const KRW_USD = Math.round(65_500_000_000 / 1291.7796);
export const CNY_USD = Math.round(2_500_000_000 / 7.0809);

export const post = (collection: string, body: unknown) => call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });
export const patch = (collection: string, id: string, body: unknown) => call(one.PATCH, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'PATCH', body });
export const del = (collection: string, id: string) => call(one.DELETE, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'DELETE' });
export const getOne = (collection: string, id: string, query = '') => call(one.GET, `/api/v1/${collection}/${id}${query ? `?${query}` : ''}`, { collection, id });
export const getList = (collection: string, query = '') => call(list.GET, `/api/v1/${collection}${query ? `?${query}` : ''}`, { collection });

/** Undo the latest change of a row. */
export async function undoLatest(collection: string, id: string) {
  const [latest] = (await call(history.GET, `/api/v1/${collection}/${id}/history`, { collection, id })).body.rows;
  return call(undo.POST, `/api/v1/changes/${latest.id}/undo`, { id: String(latest.id) }, { method: 'POST' });
}

export async function loadRatesAndRounds(): Promise<void> {
  for (const body of [...RATES.map((r) => ['fx-rates', r] as const), ...FOREIGN_ROUNDS.map((r) => ['investments', r] as const)]) {
    const reply = await post(body[0], body[1]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
}
