import { formatMoney, formatNumber } from '@/lib/format';
import type { Locale } from '@/lib/i18n';

/**
 * How a chart's numbers read: money in US$ (亿美元 in Chinese) or, as `money:CNY`, in another currency (the
 * answer's `currency=`), counts, percentages, HHI points.
 */
export type ValueKind = 'money' | `money:${string}` | 'count' | 'percent' | 'hhi' | 'number';

/** The money kind of a currency: plain `money` for US dollars. */
export const moneyKind = (currency: string | null | undefined): ValueKind => (currency && currency !== 'USD' ? `money:${currency}` : 'money');

export function formatValue(kind: ValueKind, value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (kind.startsWith('money:')) return formatMoney(value, locale, kind.slice('money:'.length));
  switch (kind) {
    case 'money':
      return formatMoney(value, locale);
    case 'percent':
      return `${formatNumber(value, locale, 1)}%`;
    case 'hhi':
      return formatNumber(value, locale, 0);
    case 'count':
      return formatNumber(value, locale, value % 1 === 0 ? 0 : 2);
    default:
      return formatNumber(value, locale, 2);
  }
}

/** Rough pixel width of a label (CJK characters are about twice as wide as Latin ones). */
export function labelWidth(labels: readonly string[], fontPx = 11, max = 190): number {
  const widest = Math.max(0, ...labels.map((l) => [...l].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? fontPx : fontPx * 0.6), 0)));
  return Math.min(max, Math.ceil(widest) + 12);
}
