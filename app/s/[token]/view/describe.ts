import { findCollection } from '@/lib/collections';
import { translator, type Locale } from '@/lib/i18n';
import { describeParams, parseSharePath } from '@/lib/shares/target';
import { formatDateTime } from '@/lib/format';

/** The kind of view a path shows, in the reader's language ("Investments", "Market concentration"…). */
export function viewLabel(path: string, locale: Locale): string {
  const t = translator(locale);
  const { target } = parseSharePath(path);
  if (target.kind === 'table') return findCollection(target.collection)?.label[locale] ?? target.collection;
  if (target.kind === 'home') return t('nav.dashboard');
  if (target.kind === 'concentration') return t('conc.title');
  if (target.kind === 'compare') return t('scn.cmp.title');
  if (target.kind === 'timeline') return t('tl.title');
  return `${findCollection('hypotheses')?.singular[locale] ?? 'Hypothesis'} ${target.id}`;
}

/** The line to paste into a report: title, view, filters, as-of time and mode, data hash, link. */
export function citationOf(input: { title: string; path: string; mode: 'live' | 'snapshot'; asOf: string; dataHash: string; url: string }, locale: Locale): string {
  const t = translator(locale);
  const { params } = parseSharePath(input.path);
  const filters = describeParams(params);
  return [
    `“${input.title}”, AIGC Atlas`,
    `${t('share.cite.view')}: ${viewLabel(input.path, locale)}`,
    ...(filters ? [`${t('share.cite.filters')}: ${filters}`] : []),
    `${t('share.cite.asOf', { at: formatDateTime(input.asOf) })} (${input.mode === 'snapshot' ? t('share.cite.snapshot') : t('share.cite.live')})`,
    `SHA-256 ${input.dataHash.slice(0, 16)}`,
    input.url,
  ].join('; ');
}
