import { ViewLink as Link } from '@/app/_components/share/SharedView';
import type { Locale } from '@/lib/collections/types';
import type { FxBlock } from '@/lib/fx/convert';
import { BASE_CURRENCY } from '@/lib/fx/rates';
import { translator } from '@/lib/i18n';
import { formatRate, hostOf } from './data-table/MoneyValue';

/** "2022 6.7290 · 2023 7.0809": each year's rate an answer used. */
export function ratesText(fx: FxBlock, locale: Locale): string {
  return fx.rates.map((r) => `${r.year} ${formatRate(r.rate, locale)}`).join(' · ');
}

export const sourcesText = (fx: FxBlock): string => [...new Set(fx.rates.map((r) => hostOf(r.source_url)))].join(', ') || '—';

/**
 * The line above a table or chart whose money is in another currency: which rates, from where, which years had
 * none; and, when the rows hold US-dollar amounts converted from the currency reported, what their marker means.
 */
export function FxNote({ fx, locale, converted = false }: { fx: FxBlock | null; locale: Locale; converted?: boolean }) {
  const t = translator(locale);
  const shown = fx && fx.currency !== BASE_CURRENCY;
  if (!shown && !converted) return null;
  return (
    <p className="fx-note small muted" data-testid="fx-note" data-currency={fx?.currency ?? BASE_CURRENCY}>
      {shown ? (
        <>
          {fx.rates.length ? <>{t('fx.note', { currency: fx.currency, rates: ratesText(fx, locale), source: sourcesText(fx) })} </> : null}
          {fx.missing_years.length ? <strong>{t('fx.note.missing', { currency: fx.currency, years: fx.missing_years.join(', ') })} </strong> : null}
        </>
      ) : null}
      {converted ? <>{t('fx.note.converted')} </> : null}
      <Link href={`/fx-rates${shown ? `?currency_code=${fx.currency}` : ''}`}>{t('fx.rates.link')}</Link>
    </p>
  );
}
