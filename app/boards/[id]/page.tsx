import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { EnMarker } from '@/app/_components/EnMarker';
import { ShareButton } from '@/app/_components/share/ShareButton';
import { ViewLink as Link } from '@/app/_components/share/SharedView';
import { mayWrite, requireUser, restrictionOf } from '@/app/_lib/auth';
import { FollowForm } from '@/app/_components/follow/FollowForm';
import { followLabels } from '@/app/_lib/follow-labels';
import { followIdOf } from '@/app/_lib/follows';
import { getTranslator } from '@/app/_lib/locale';
import { boardRecord, loadBoard, type BoardData, type BoardRecord } from '@/app/_views/board';
import { sharedView, viewData } from '@/app/_views/shared';
import { SafeMarkdown } from '@/app/scenarios/_components/SafeMarkdown';
import { getAtlas, type Atlas } from '@/db/connection';
import { labelledFacets } from '@/db/facets';
import { mayEdit } from '@/db/ownership';
import { BOARD_FILTERS, type BoardFilter, type BoardFilters } from '@/lib/boards/filters';
import { getCollection } from '@/lib/collections';
import { LAYERS, REGIONS } from '@/lib/collections/companies';
import { ApiError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import { parseQuery } from '@/lib/query/parse';
import { hrefOf, searchParamsOf } from '@/lib/query/view-state';
import { BoardEditor } from './_components/BoardEditor';
import { BoardFilterForm, type Choice } from './_components/BoardFilterForm';
import { FilterSummary } from './_components/FilterSummary';
import { byPlace } from './_components/placement';
import { PrintButton } from './_components/PrintButton';
import { TileCard, titleOf } from './_components/TileCard';
import '@/app/_components/chart/chart.css';
import '@/app/hypotheses/hypotheses.css';
import '../boards.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const boards = getCollection('boards');

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const viewer = await requireUser('read');
  const { locale } = await getTranslator();
  try {
    const board = await boardRecord(await getAtlas(), decodeURIComponent((await params).id), restrictionOf(viewer));
    return { title: localText(board.title, board.title_zh, locale)?.text ?? board.id };
  } catch {
    return { title: 'Not found' };
  }
}

/** Companies that took part in rounds, most active first: the investor filter's choices. */
async function investorChoices(atlas: Atlas, locale: Locale): Promise<Choice[]> {
  const facets = await labelledFacets(atlas, parseQuery(getCollection('investments'), new URLSearchParams()), ['investor'], 200);
  return (facets.investor ?? [])
    .filter((f) => f.value !== null)
    .map((f) => ({ value: String(f.value), label: (locale === 'zh' && f.name_zh) || f.name || String(f.value) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale === 'zh' ? 'zh-CN' : 'en'));
}

const choicesOf = (values: readonly string[], locale: Locale): Choice[] => values.map((value) => ({ value, label: valueLabel(value, locale) }));

/** The URL's own values of the board filters, as typed (to show them back in the form after a refusal). */
const rawValues = (search: URLSearchParams): Partial<Record<BoardFilter, string>> =>
  Object.fromEntries(BOARD_FILTERS.filter((f) => search.has(f)).map((f) => [f, search.get(f) ?? '']));

export default async function BoardPage({ params, searchParams }: Props) {
  const viewer = await requireUser('read');
  const id = decodeURIComponent((await params).id);
  const search = searchParamsOf(await searchParams);
  const shared = sharedView();
  const restrictedTo = restrictionOf(viewer);
  const { locale, t } = await getTranslator();

  let data: BoardData | null = null;
  let board: BoardRecord;
  let refusal: string | null = null;
  try {
    data = await viewData(async () => loadBoard(await getAtlas(), id, search, restrictedTo));
    board = data.board;
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 404)) throw error;
    if (error.status === 404) notFound();
    // A filter in the URL was refused: the board still shows its head and the form, with the reason.
    refusal = error.message;
    try {
      board = await boardRecord(await getAtlas(), id, restrictedTo);
    } catch (missing) {
      if (missing instanceof ApiError && missing.status === 404) notFound();
      throw missing;
    }
  }

  const action = `/boards/${encodeURIComponent(board.id)}`;
  const filters: BoardFilters = data?.filters ?? {};
  const title = localText(board.title, board.title_zh, locale);
  const description = localText(board.description, board.description_zh, locale);
  const editable = !shared && mayWrite(viewer) && mayEdit(boards, board as unknown as Record<string, unknown>, restrictedTo);
  const investors = shared ? [] : await investorChoices(await getAtlas(), locale);
  const exportQuery = new URLSearchParams(BOARD_FILTERS.filter((f) => search.has(f)).map((f) => [f, search.get(f) ?? '']));

  const tiles = [...board.tiles].sort(byPlace);
  const results = new Map((data?.tiles ?? []).map((r) => [r.id, r]));
  const cards: Record<string, ReactNode> = {};
  const titles: Record<string, string> = {};
  for (const tile of tiles) {
    const result = results.get(tile.id);
    titles[tile.id] = titleOf(tile, result, locale);
    if (result) cards[tile.id] = <TileCard tile={tile} result={result} locale={locale} />;
  }

  return (
    <>
      <div className="page-head">
        <div>
          {shared ? null : (
            <p className="small board-back">
              <Link href="/boards">← {t('detail.back', { collection: boards.label[locale] })}</Link>
            </p>
          )}
          <h1 data-testid="board-title" lang={title?.fallback ? 'en' : undefined}>
            {title?.text ?? board.id}
            {title?.fallback ? <> <EnMarker locale={locale} /></> : null}
          </h1>
          <p className="board-meta small muted" data-testid="board-meta">
            <span>
              {t('board.meta.owner')}: {board.owner}
            </span>{' '}
            · <span className="badge">{valueLabel(board.visibility, locale, { id: 'visibility' })}</span> ·{' '}
            <span>
              {t('board.meta.version')} {board.version}
            </span>{' '}
            ·{' '}
            <span>
              {t('board.meta.updated')} <time dateTime={board.updated_at}>{board.updated_at.slice(0, 16).replace('T', ' ')}</time>
            </span>
          </p>
        </div>
        <div className="toolbar-actions board-actions">
          {shared ? null : <FollowForm kind="board" target={board.id} followId={await followIdOf(viewer, 'board', board.id)} labels={await followLabels('other')} back={hrefOf(`/boards/${encodeURIComponent(board.id)}`, search)} hint={t('following.tells.board')} />}
          {shared ? null : <ShareButton locale={locale} title={title?.text ?? board.id} />}
          {shared ? null : (
            <a className="btn" href={hrefOf(`/api/v1/boards/${encodeURIComponent(board.id)}/export.zip`, exportQuery)} title={t('board.downloadHint')} data-testid="board-download">
              {t('board.download')}
            </a>
          )}
          <PrintButton label={t('board.print')} />
        </div>
      </div>

      {description ? (
        <div className="board-description" lang={description.fallback ? 'en' : undefined}>
          <SafeMarkdown text={description.text} />
        </div>
      ) : null}

      {shared ? (
        <FilterSummary values={filters} investors={investors} locale={locale} />
      ) : (
        <>
          <BoardFilterForm
            key={search.toString()}
            action={action}
            values={refusal ? rawValues(search) : filters}
            stored={BOARD_FILTERS.filter((f) => board.filters[f])}
            choices={{ layer: choicesOf(LAYERS, locale), region: choicesOf(REGIONS, locale), investor: investors }}
            locale={locale}
          />
          <FilterSummary values={filters} investors={investors} locale={locale} printOnly />
        </>
      )}

      {refusal ? (
        <div className="error-box" role="alert" data-testid="board-filter-error">
          <h2>{t('board.badFilter.title')}</h2>
          <p className="mono">{refusal}</p>
          <p>{t('board.badFilter.hint')}</p>
          <Link className="btn" href={action}>
            {t('board.filters.clear')}
          </Link>
        </div>
      ) : tiles.length === 0 ? (
        <p className="empty" data-testid="board-empty">
          {t('board.empty')}
        </p>
      ) : null}

      {refusal || (!editable && !tiles.length) ? null : <BoardEditor boardId={board.id} version={board.version} tiles={tiles} cards={cards} titles={titles} editable={editable} locale={locale} />}
    </>
  );
}
