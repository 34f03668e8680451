import { badRequest } from '../errors';
import { isCurrencyCode } from './rates';

/** The URL parameter that shows money in another currency (`currency=CNY`); the cookie the reader's choice is kept in. */
export const CURRENCY_PARAM = 'currency';
export const CURRENCY_COOKIE = 'atlas_currency';

/**
 * `currency=` as a code (`cny` reads as CNY), or null when absent or empty. Whether the code has rates is the
 * data layer's to say (db/fx.ts displayFxOf): here only its form, a 400 naming `currency` otherwise.
 */
export function parseCurrencyParam(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const code = raw.trim().toUpperCase();
  if (!isCurrencyCode(code)) throw badRequest(`currency must be a three-letter currency code such as USD, CNY or EUR; got "${raw.slice(0, 20)}"`, CURRENCY_PARAM);
  return code;
}

/** A cookie's currency when it is well formed, else null (a stale cookie never breaks a page). */
export function cookieCurrency(value: string | null | undefined): string | null {
  const code = (value ?? '').trim().toUpperCase();
  return isCurrencyCode(code) ? code : null;
}
