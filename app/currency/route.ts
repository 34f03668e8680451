import { safeNextPath } from '@/lib/auth/http';
import { CURRENCY_COOKIE, CURRENCY_PARAM, parseCurrencyParam } from '@/lib/fx/param';
import { ApiError } from '@/lib/errors';
import { knownCurrencies } from '../_lib/currency';

export const dynamic = 'force-dynamic';

const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * GET /currency?set=CNY&next=/investments — the currency switch (a link or a GET form: no script needed): keep
 * the reader's currency in a cookie and go back to the page, whose own `currency=` (a shared link's) follows the
 * choice too. Not an API: it answers with a redirect, or 400 for a code without rates.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  let code: string | null;
  try {
    code = parseCurrencyParam(url.searchParams.get('set'));
    if (!code || !(await knownCurrencies()).includes(code)) throw new ApiError(400, `no exchange rates for "${url.searchParams.get('set') ?? ''}"`, { param: 'set' });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return new Response(`${error.message}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const next = new URL(safeNextPath(url.searchParams.get('next')), url.origin);
  if (next.searchParams.has(CURRENCY_PARAM)) next.searchParams.set(CURRENCY_PARAM, code);
  const secure = request.headers.get('x-forwarded-proto') === 'https' || url.protocol === 'https:';
  // Readable by the page's script on purpose: the share dialog puts the reader's currency into the link it makes.
  const cookie = `${CURRENCY_COOKIE}=${code}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax${secure ? '; Secure' : ''}`;
  const location = `${next.pathname}${next.search}`;
  return new Response(null, { status: 303, headers: { Location: location, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
}
