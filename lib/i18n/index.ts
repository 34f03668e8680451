import type { Label, Locale } from '../collections/types';
import * as core from './catalogs/core';
import * as table from './catalogs/table';
import * as concentration from './catalogs/concentration';
import * as auth from './catalogs/auth';
import * as csv from './catalogs/csv';
import * as hypotheses from './catalogs/hypotheses';
import * as shares from './catalogs/shares';
import * as boards from './catalogs/boards';
import type * as follows from './catalogs/follows';
import type * as analysis from './catalogs/analysis';
import type * as boardsPage from './catalogs/boards-page';
import type * as deliveries from './catalogs/deliveries';
import type * as events from './catalogs/events';
import type * as fx from './catalogs/fx';
import type * as sources from './catalogs/sources';
import { fill } from './local';

export type { Locale };

// Every area's catalog that browser components use; add new ones here. Areas whose strings only server
// components show (pages drawn on the server) are in lib/i18n/server-catalogs.ts instead, so that browser
// bundles, which load every catalog here, do not carry them (scripts/js-budgets/budgets.ts).
const parts = [core, table, concentration, auth, csv, hypotheses, shares, boards] as const;

type Part = (typeof parts)[number] | typeof follows | typeof analysis | typeof boardsPage | typeof deliveries | typeof events | typeof fx | typeof sources;
export type MessageKey = Part extends infer P ? (P extends { en: infer E } ? keyof E : never) : never;

export const LOCALES: readonly Locale[] = ['en', 'zh'];
export const LOCALE_COOKIE = 'atlas_lang';

const catalogs: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...parts.map((p) => p.en)),
  zh: Object.assign({}, ...parts.map((p) => p.zh)),
};

/** Adds catalogs to the lookup: lib/i18n/server-catalogs.ts registers the server-only ones at start. */
export function registerCatalogs(...more: readonly { en: Record<string, string>; zh: Record<string, string> }[]): void {
  for (const part of more) {
    Object.assign(catalogs.en, part.en);
    Object.assign(catalogs.zh, part.zh);
  }
}

export function t(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fill(catalogs[locale][key] ?? key, vars);
}

/** A translator bound to one locale, for components. */
export const translator = (locale: Locale) => (key: MessageKey, vars?: Record<string, string | number>) => t(locale, key, vars);

export type Translate = ReturnType<typeof translator>;

export const labelOf = (label: Label, locale: Locale) => label[locale];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh';
}

/** The cookie wins; otherwise the first of the browser's languages that we speak; otherwise English. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) || 0 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
