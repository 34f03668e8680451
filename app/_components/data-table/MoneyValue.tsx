import { ViewLink as Link } from '@/app/_components/share/SharedView';
import type { Column, Locale, Row } from '@/lib/collections/types';
import { missingKey, type FxBlock } from '@/lib/fx/convert';
import { BASE_CURRENCY, yearOf } from '@/lib/fx/rates';
import { formatMoney, formatNumber } from '@/lib/format';
import { translator } from '@/lib/i18n';

/** A rate as a person reads it: four significant decimals at most (7.0809, 1,291.7796, 0.9245). */
export const formatRate = (rate: number, locale: Locale) => formatNumber(rate, locale, rate >= 100 ? 2 : 4);

export function hostOf(url: string | null | undefined): string {
  if (!url) return '—';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * One money value: in the answer's currency (`fx`, from `currency=`), its tooltip naming the year's rate and its
 * source; left out (—) and said why when its year has no rate; marked "≈ converted" when the US-dollar amount
 * itself was converted from the currency the round was reported in (`<column>_basis`, lib/fx/convert.ts).
 */
export function MoneyValue({ column, row, locale, fx, timeColumn }: { column: Column; row: Row; locale: Locale; fx?: FxBlock | null; timeColumn?: string }) {
  const t = translator(locale);
  const currency = fx?.currency ?? BASE_CURRENCY;
  const year = timeColumn ? yearOf(row[timeColumn]) : null;
  const value = row[column.id];
  if (value === null || value === undefined) {
    if (!row[missingKey(column.id)]) return null;
    return (
      <span className="muted fx-missing" data-fx-missing={column.id} title={t('fx.cell.missing', { currency, year: year ?? '—' })}>
        —
      </span>
    );
  }
  const rate = currency === BASE_CURRENCY ? undefined : fx?.rates.find((r) => r.year === year);
  const title = rate ? t('fx.cell.shown', { currency, rate: formatRate(rate.rate, locale), year: rate.year, source: hostOf(rate.source_url) }) : `${Number(value).toLocaleString('en-US')} ${currency}`;
  const converted = row[`${column.id}_basis`] === 'converted' && typeof row.currency === 'string' && row.fx_year !== null && row.fx_year !== undefined;
  return (
    <>
      <span title={title} data-currency={currency}>
        {formatMoney(Number(value), locale, currency)}
      </span>
      {converted ? (
        <>
          {' '}
          <span
            className="badge fx-converted"
            data-fx-converted={column.id}
            title={t('fx.converted.title', {
              original: formatMoney(Number(row.amount_original), locale, String(row.currency)),
              rate: formatRate(Number(row.fx_rate), locale),
              currency: String(row.currency),
              year: Number(row.fx_year),
            })}
          >
            <Link href={`/fx-rates/${String(row.currency).toLowerCase()}-${Number(row.fx_year)}`}>≈ {t('fx.converted.badge')}</Link>
          </span>
        </>
      ) : null}
    </>
  );
}
