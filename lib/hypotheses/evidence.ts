/** Evidence as the hypothesis page shows it: grouped by stance, and a readable name for each cited row. Pure. */
import { EVIDENCE_STANCES } from './stances';
import type { Locale } from '../collections/types';
import { formatDate } from '../format';
import { valueLabel } from '../i18n/values';

export type Stance = (typeof EVIDENCE_STANCES)[number];

interface Named {
  name?: string;
  name_zh?: string | null;
}

const nameOf = (ref: unknown, locale: Locale): string | null => {
  if (!ref || typeof ref !== 'object') return null;
  const n = ref as Named;
  return (locale === 'zh' && n.name_zh) || n.name || null;
};
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** A one-line name for a cited row of any evidence target collection (rows as the list API returns them). */
export function targetLabel(collectionId: string, row: Record<string, unknown>, locale: Locale): string {
  const parts: (string | null)[] = [];
  switch (collectionId) {
    case 'companies':
      parts.push((locale === 'zh' && text(row.name_zh)) || text(row.name));
      break;
    case 'investments':
      parts.push(nameOf(row.company, locale), text(row.round_type) && valueLabel(String(row.round_type), locale));
      parts.push(text(row.announced_on) && formatDate(String(row.announced_on), text(row.date_precision), locale));
      break;
    case 'use-cases':
      parts.push(nameOf(row.customer, locale), text(row.product));
      break;
    case 'market-shares':
      parts.push(text(row.segment), text(row.period), nameOf(row.company, locale));
      break;
  }
  const label = parts.filter((p): p is string => Boolean(p)).join(' · ');
  return label || String(row.id ?? '');
}

/** Rows grouped by stance, in the order supports, contradicts, context, with their counts. */
export function byStance<T extends Record<string, unknown>>(rows: readonly T[]): { stance: Stance; rows: T[] }[] {
  return EVIDENCE_STANCES.map((stance) => ({ stance, rows: rows.filter((r) => r.stance === stance) }));
}

export function stanceCounts(rows: readonly Record<string, unknown>[]): Record<Stance, number> {
  return Object.fromEntries(byStance(rows).map((g) => [g.stance, g.rows.length])) as Record<Stance, number>;
}
