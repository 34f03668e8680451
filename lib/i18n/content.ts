import type { Locale } from '../collections/types';

export interface LocalText {
  text: string;
  /** True when the Chinese interface shows the English text because no Chinese one was written. */
  fallback: boolean;
}

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Our own content (scenario titles and notes, evidence notes) in the interface's language: the Chinese twin in
 * the Chinese interface, else the English text, marked as a fallback (issue 21). Null when there is neither.
 */
export function localText(en: unknown, zh: unknown, locale: Locale): LocalText | null {
  if (locale === 'zh' && present(zh)) return { text: zh, fallback: false };
  if (present(en)) return { text: en, fallback: locale === 'zh' };
  return present(zh) ? { text: zh, fallback: false } : null;
}
