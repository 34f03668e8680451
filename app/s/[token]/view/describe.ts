import { findCollection } from '@/lib/collections';
import { translator, type Locale } from '@/lib/i18n';
import { describeParams, parseSharePath } from '@/lib/shares/target';
import { formatDateTime } from '@/lib/format';

/** A board's title in the reader's language, from the data of its share link (the /data shape), or null. */
function boardTitle(data: unknown, locale: Locale): string | null {
  const board = (data as { board?: { title?: unknown; title_zh?: unknown } } | null)?.board;
  if (!board || typeof board.title !== 'string') return null;
  return locale === 'zh' && typeof board.title_zh === 'string' && board.title_zh ? board.title_zh : board.title;
}

/**
 * The kind of view a path shows, in the reader's language ("Investments", "Market concentration"…); a board is
 * named by its title when the link's data is given ("Board CICC thesis"), else by its id.
 */
export function viewLabel(path: string, locale: Locale, data?: unknown): string {
  const t = translator(locale);
  const { target } = parseSharePath(path);
  if (target.kind === 'board') return `${findCollection('boards')?.singular[locale] ?? 'Board'} ${boardTitle(data, locale) ?? target.id}`;
  if (target.kind === 'table') return findCollection(target.collection)?.label[locale] ?? target.collection;
  if (target.kind === 'home') return t('nav.dashboard');
  if (target.kind === 'concentration') return t('conc.title');
  if (target.kind === 'market-map') return t('map.title');
  if (target.kind === 'network') return t('net.title');
  if (target.kind === 'compare') return t('scn.cmp.title');
  if (target.kind === 'timeline') return t('tl.title');
  return `${findCollection('hypotheses')?.singular[locale] ?? 'Hypothesis'} ${target.id}`;
}

/** The line to paste into a report: title, view, filters, as-of time and mode, data hash, link. */
export function citationOf(input: { title: string; path: string; mode: 'live' | 'snapshot'; asOf: string; dataHash: string; url: string; data?: unknown }, locale: Locale): string {
  const t = translator(locale);
  const { params } = parseSharePath(input.path);
  const filters = describeParams(params);
  return [
    `“${input.title}”, AIGC Atlas`,
    `${t('share.cite.view')}: ${viewLabel(input.path, locale, input.data)}`,
    ...(filters ? [`${t('share.cite.filters')}: ${filters}`] : []),
    `${t('share.cite.asOf', { at: formatDateTime(input.asOf) })} (${input.mode === 'snapshot' ? t('share.cite.snapshot') : t('share.cite.live')})`,
    `SHA-256 ${input.dataHash.slice(0, 16)}`,
    input.url,
  ].join('; ');
}
