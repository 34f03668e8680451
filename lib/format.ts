import type { Locale } from './collections/types';

// Display formatting per locale. Dates are ISO text; they are never turned into JS Dates that could shift a day.

/** How money in a currency reads: a prefix in English (US$, CN¥), a unit after the number in Chinese (美元, 元). */
const CURRENCY_SIGNS: Record<string, { en: string; zh: string }> = {
  USD: { en: 'US$', zh: '美元' },
  CNY: { en: 'CN¥', zh: '元' },
  EUR: { en: '€', zh: '欧元' },
  GBP: { en: '£', zh: '英镑' },
  JPY: { en: 'JP¥', zh: '日元' },
  KRW: { en: '₩', zh: '韩元' },
  HKD: { en: 'HK$', zh: '港元' },
  CAD: { en: 'CA$', zh: '加元' },
  AUD: { en: 'A$', zh: '澳元' },
  SGD: { en: 'S$', zh: '新加坡元' },
  INR: { en: '₹', zh: '印度卢比' },
  CHF: { en: 'CHF ', zh: '瑞士法郎' },
};

/** The unit of a currency as formatMoney writes it (`CN¥`, `元`; an unknown code as itself). */
export function currencySign(currency: string, locale: Locale): string {
  return CURRENCY_SIGNS[currency]?.[locale] ?? (locale === 'zh' ? currency : `${currency} `);
}

/** Money in a currency (US dollars unless said), shortened: US$1.2B, 12亿美元, CN¥8.5B, 85亿元. */
export function formatMoney(value: number | null | undefined, locale: Locale, currency = 'USD'): string {
  if (value === null || value === undefined) return '';
  const abs = Math.abs(value);
  const trim = (n: number) => (Math.round(n * 10) / 10).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
  const sign = currencySign(currency, locale);
  if (locale === 'zh') {
    const unit = CURRENCY_SIGNS[currency] ? sign : ` ${sign}`;
    if (abs >= 1e8) return `${trim(value / 1e8)}亿${unit}`;
    if (abs >= 1e4) return `${trim(value / 1e4)}万${unit}`;
    return `${Math.round(value).toLocaleString('zh-CN')}${unit}`;
  }
  if (abs >= 1e12) return `${sign}${trim(value / 1e12)}T`;
  if (abs >= 1e9) return `${sign}${trim(value / 1e9)}B`;
  if (abs >= 1e6) return `${sign}${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${sign}${trim(value / 1e3)}K`;
  return `${sign}${Math.round(value).toLocaleString('en-US')}`;
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
