import type { Translate } from '@/lib/i18n';

/** The years of an analysis view in words: `2022–2023`, `2022–…`, or "all years". */
export function windowText(query: { from: number | null; to: number | null }, t: Translate): string {
  if (query.from === null && query.to === null) return t('analysis.allYears');
  return `${query.from ?? '…'}–${query.to ?? '…'}`;
}

/** A company's name in the reader's language (names without a Chinese twin stay as they are). */
export const nameIn = (row: { name: string; name_zh?: string | null }, zh: boolean) => (zh && row.name_zh ? row.name_zh : row.name);
