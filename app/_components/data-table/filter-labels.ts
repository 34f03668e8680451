import type { Collection, Column, Locale } from '@/lib/collections/types';
import { formatDate, formatMoney } from '@/lib/format';
import type { Translate } from '@/lib/i18n';
import { flagLabel, valueLabel } from '@/lib/i18n/values';
import { isFilterParam } from '@/lib/query/view-state';
import type { FacetValue } from './types';

// Not the registry's findColumn: importing the registry index would bring zod to the browser.
const findColumn = (collection: Collection, id: string): Column | undefined => collection.columns.find((c) => c.id === id);

const OPERATOR_SIGNS: Record<string, string> = { gte: '≥', lte: '≤', contains: '∋', isnull: '∅' };

export function facetTitle(collection: Collection, key: string, locale: Locale, t: Translate): string {
  const relation = collection.relationFilters?.find((f) => f.param === key);
  if (relation) return relation.label[locale];
  if (key === 'year') return t('tbl.year');
  return findColumn(collection, key)?.label[locale] ?? key;
}

export function optionLabel(collection: Collection, key: string, option: FacetValue, locale: Locale): string {
  if (option.name) return locale === 'zh' && option.name_zh ? option.name_zh : option.name;
  const column = findColumn(collection, key);
  if (column?.type === 'flag') return flagLabel(column, option.value, locale);
  return column?.type === 'enum' || column?.labelledValues ? valueLabel(String(option.value), locale, column) : String(option.value);
}

export interface Chip {
  key: string;
  value: string;
  text: string;
}

/** One removable chip per active filter value in the URL. */
export function chipsOf(collection: Collection, search: URLSearchParams, names: Record<string, { name: string; name_zh?: string | null }>, locale: Locale, t: Translate): Chip[] {
  const chips: Chip[] = [];
  for (const [key, value] of search) {
    if (!isFilterParam(key)) continue;
    if (key === 'q') {
      chips.push({ key, value, text: `${t('tbl.search')}: “${value}”` });
      continue;
    }
    const [columnId, op] = key.split('__');
    const column = findColumn(collection, columnId);
    const title = column ? column.label[locale] : facetTitle(collection, columnId, locale, t);
    const known = names[value];
    let shown = known ? (locale === 'zh' && known.name_zh ? known.name_zh : known.name) : value;
    if (column?.type === 'enum' || column?.labelledValues) shown = valueLabel(value, locale, column);
    if (column?.type === 'flag' && !op) shown = flagLabel(column, value, locale);
    if (column?.type === 'money' && op && op !== 'isnull') shown = formatMoney(Number(value), locale) || value;
    if (column?.type === 'date' && op && op !== 'isnull') shown = formatDate(value, 'day', locale);
    if (op === 'isnull') shown = value === '1' ? t('tbl.facet.none') : '✓';
    const sign = op ? ` ${OPERATOR_SIGNS[op] ?? op} ` : ': ';
    chips.push({ key, value, text: `${title}${sign}${shown}` });
  }
  return chips;
}
