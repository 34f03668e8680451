import { moneyKind, type ValueKind } from '@/app/_components/chart/format';
import type { ConcentrationQuery, ConcentrationReport } from '@/lib/concentration';
import { formatNumber } from '@/lib/format';
import { labelOf, translator, type Locale, type MessageKey } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';

// Words for a concentration view: what the basis is, which companies form the segment, which window.

export const basisKey = (query: Pick<ConcentrationQuery, 'basis'>) => `conc.basis.${query.basis}` as MessageKey;

/** A share segment's name in the locale: its Chinese name in the Chinese UI where the rows give one. */
export function segmentName(segment: { segment: string; segment_zh: string | null }, locale: Locale): string {
  return locale === 'zh' && segment.segment_zh ? segment.segment_zh : segment.segment;
}

/** `segmentShown`: the share segment as the page names it (segmentName), when it differs from the stored key. */
export function basisLabel(query: ConcentrationQuery, locale: Locale, segmentShown: string | null = null): string {
  const t = translator(locale);
  const basis = t(basisKey(query));
  if (query.basis === 'share') return [basis, segmentShown ?? query.segment, query.shareBasis ? valueLabel(query.shareBasis, locale) : null].filter(Boolean).join(' · ');
  return query.by === 'investor' ? `${basis} · ${t('conc.by.investor')}` : basis;
}

const OPS: Record<string, string> = { eq: '=', gte: '≥', lte: '≤', contains: '∋', isnull: '∅' };

/** `Layer = Foundation; Region = China`, or "all companies". */
export function describeSegment(query: ConcentrationQuery, locale: Locale): string {
  const parts: string[] = [];
  if (query.companies.q) parts.push(`“${query.companies.q}”`);
  for (const filter of query.companies.filters) {
    const values = filter.values.map((v) => (typeof v === 'string' ? valueLabel(v, locale) : String(v)));
    parts.push(`${labelOf(filter.column.label, locale)} ${OPS[filter.op]} ${values.join(' / ')}`);
  }
  return parts.length ? parts.join('; ') : translator(locale)('conc.segment.all');
}

export function describeWindow(query: Pick<ConcentrationQuery, 'from' | 'to'>, locale: Locale): string {
  if (!query.from && !query.to) return translator(locale)('conc.window.all');
  return `${query.from ?? '…'} – ${query.to ?? '…'}`;
}

/** The source line every chart carries: basis, segment, window and n. */
export function sourceLine(query: ConcentrationQuery, report: Pick<ConcentrationReport, 'n' | 'period'>, locale: Locale, segmentShown: string | null = null): string {
  const period = query.basis === 'share' && report.period ? ` (${report.period})` : '';
  return translator(locale)('conc.source', {
    basis: basisLabel(query, locale, segmentShown) + period,
    segment: describeSegment(query, locale),
    window: describeWindow(query, locale),
    n: formatNumber(report.n, locale, 0),
  });
}

/** Units of the values of a basis. */
export function unitsOf(query: ConcentrationQuery, locale: Locale): string {
  const t = translator(locale);
  if (query.basis === 'rounds') return t('conc.units.rounds');
  if (query.basis === 'share') return t('conc.units.estimate');
  const currency = query.companies.currency;
  return currency && currency !== 'USD' ? t('fx.units', { currency }) : t('conc.units.usd');
}

/** How a view's values read: rounds are counts, market-share estimates percentages (when they are), funding money. */
/** How a concentration value reads: a count, a percentage, or money (in the query's currency when it names one). */
export function valueKindOf(query: Pick<ConcentrationQuery, 'basis'> & { companies?: Pick<ConcentrationQuery['companies'], 'currency'> }, percent: boolean): ValueKind {
  if (query.basis === 'rounds') return 'count';
  if (query.basis === 'share') return percent ? 'percent' : 'number';
  return moneyKind(query.companies?.currency ?? null);
}
