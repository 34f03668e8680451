import type { Locale } from './collections/types';

// Display formatting per locale. Dates are ISO text; they are never turned into JS Dates that could shift a day.

export function formatMoney(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '';
  const abs = Math.abs(value);
  const trim = (n: number) => (Math.round(n * 10) / 10).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
  if (locale === 'zh') {
    if (abs >= 1e8) return `${trim(value / 1e8)}亿美元`;
    if (abs >= 1e4) return `${trim(value / 1e4)}万美元`;
    return `${value.toLocaleString('zh-CN')}美元`;
  }
  if (abs >= 1e9) return `US$${trim(value / 1e9)}B`;
  if (abs >= 1e6) return `US$${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `US$${trim(value / 1e3)}K`;
  return `US$${value.toLocaleString('en-US')}`;
}

export function formatNumber(value: number | null | undefined, locale: Locale, digits = 1): string {
  if (value === null || value === undefined) return '';
  return value.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits });
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(value: string | null | undefined, precision: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  const [y, m, d] = value.split('-');
  const month = Number(m);
  switch (precision) {
    case 'year':
      return locale === 'zh' ? `${y}年` : y;
    case 'quarter': {
      const q = Math.floor((month - 1) / 3) + 1;
      return locale === 'zh' ? `${y}年第${q}季度` : `Q${q} ${y}`;
    }
    case 'month':
      return locale === 'zh' ? `${y}年${month}月` : `${MONTHS_EN[month - 1]} ${y}`;
    default:
      return locale === 'zh' ? `${y}年${month}月${Number(d)}日` : `${Number(d)} ${MONTHS_EN[month - 1]} ${y}`;
  }
}

/** An ISO timestamp as "2026-11-28 15:40 UTC": one unambiguous form in both languages, fit to quote. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
