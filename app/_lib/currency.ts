import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getAtlas } from '@/db/connection';
import { currencies } from '@/db/fx';
import { BASE_CURRENCY } from '@/lib/fx/rates';
import { cookieCurrency, CURRENCY_COOKIE, CURRENCY_PARAM, parseCurrencyParam } from '@/lib/fx/param';
import { sharedView } from '../_views/shared';

/** The currencies money can be shown in (US dollars and every currency with rates), once per request. */
export const knownCurrencies = cache(async (): Promise<string[]> => currencies((await getAtlas()).db));

/** The reader's currency from the cookie the currency switch sets; a code without rates (a stale cookie) is ignored. */
export const cookieChoice = cache(async (): Promise<string | null> => {
  const code = cookieCurrency((await cookies()).get(CURRENCY_COOKIE)?.value);
  if (!code || code === BASE_CURRENCY) return null;
  return (await knownCurrencies()).includes(code) ? code : null;
});

/**
 * The currency a page shows money in: `currency=` in its URL (a malformed or unknown one is the page's 400, as
 * any bad parameter), else the reader's choice kept in the cookie — except on a share link's view, which shows
 * what was shared. Null: US dollars as stored.
 */
export async function pageCurrency(search: URLSearchParams): Promise<string | null> {
  const fromUrl = parseCurrencyParam(search.get(CURRENCY_PARAM));
  if (fromUrl) return fromUrl;
  if (sharedView()) return null;
  return cookieChoice();
}
