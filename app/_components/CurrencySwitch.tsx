import { headers } from 'next/headers';
import { safeNextPath } from '@/lib/auth/http';
import { BASE_CURRENCY } from '@/lib/fx/rates';
import { CURRENCY_PARAM, cookieCurrency } from '@/lib/fx/param';
import { translator, type Locale } from '@/lib/i18n';
import { PATH_HEADER } from '../_lib/auth';
import { cookieChoice, knownCurrencies } from '../_lib/currency';
import './currency.css';

/** The currencies offered as one click each; every other currency with rates is in the "more" list. */
const QUICK = ['USD', 'CNY', 'EUR'];

/**
 * Beside the language switch: show money in US dollars, yuan, euros or any currency with rates. Links and a GET
 * form to /currency (which keeps the choice in a cookie and comes back): it works before and without scripts.
 */
export async function CurrencySwitch({ locale }: { locale: Locale }) {
  const t = translator(locale);
  const here = safeNextPath((await headers()).get(PATH_HEADER));
  const known = await knownCurrencies();
  const fromUrl = cookieCurrency(new URL(here, 'http://atlas.invalid').searchParams.get(CURRENCY_PARAM));
  const current = fromUrl && known.includes(fromUrl) ? fromUrl : ((await cookieChoice()) ?? BASE_CURRENCY);
  const quick = QUICK.filter((code) => known.includes(code));
  const more = known.filter((code) => !quick.includes(code));
  const href = (code: string) => `/currency?${new URLSearchParams({ set: code, next: here })}`;
  return (
    <div className="currency-switch" data-testid="currency-switch">
      <div className="currency-quick" role="group" aria-label={t('fx.switch.label')}>
        {quick.map((code) => (
          <a key={code} href={href(code)} aria-current={code === current ? 'true' : undefined} data-testid={`currency-${code}`}>
            {code}
          </a>
        ))}
      </div>
      {more.length ? (
        <details className="currency-more">
          <summary>{more.includes(current) ? `${t('fx.switch.more')}: ${current}` : t('fx.switch.more')}</summary>
          <form action="/currency" method="get">
            <input type="hidden" name="next" value={here} />
            <label>
              <span className="sr-only">{t('fx.switch.label')}</span>
              <select name="set" defaultValue={more.includes(current) ? current : more[0]} data-testid="currency-select">
                {more.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn">
              {t('fx.switch.apply')}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
