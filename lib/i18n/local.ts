import type { Locale } from '../collections/types';

/** A message with its `{name}` placeholders filled in (a missing value leaves the placeholder). */
export function fill(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export interface Catalog<K extends string> {
  en: Readonly<Record<K, string>>;
  zh: Readonly<Record<K, string>>;
}

/**
 * A translator over one area's own catalog. For strings only a lazily loaded part of a page shows (the "Pin to
 * board" dialog): kept out of lib/i18n/index.ts, whose catalogs every page with a translated client component
 * loads up front (scripts/js-budgets/budgets.ts).
 */
export function catalogTranslator<K extends string>(catalog: Catalog<K>, locale: Locale) {
  return (key: K, vars?: Record<string, string | number>): string => fill(catalog[locale][key] ?? key, vars);
}
