import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { historyOf } from '@/db/changes';
import type { CoInvestor } from '@/db/coinvestments';
import { getAtlas } from '@/db/connection';
import { relatedRows } from '@/db/related';
import { displayFxOf } from '@/db/fx';
import { getRow } from '@/db/rows';
import { changedFields } from '@/lib/changes';
import { findCollection } from '@/lib/collections';
import type { Row } from '@/lib/collections/types';
import { ApiError } from '@/lib/errors';
import { convertAnswer, type FxBlock } from '@/lib/fx/convert';
import { searchParamsOf } from '@/lib/query/view-state';
import { flagLabel, valueLabel } from '@/lib/i18n/values';
import { CellValue, FlagMarker } from '../../_components/data-table/CellValue';
import { EnMarker } from '../../_components/EnMarker';
import { RoundsTable } from '../../_components/RoundsTable';
import { FxNote } from '../../_components/FxNote';
import { requireUser } from '../../_lib/auth';
import { FollowForm } from '../../_components/follow/FollowForm';
import { followLabels } from '../../_lib/follow-labels';
import { followIdOf } from '../../_lib/follows';
import { pageCurrency } from '../../_lib/currency';
import { getTranslator } from '../../_lib/locale';
import { CiteButton } from '../_components/CiteButton';
import { DeleteButton } from '../_components/DeleteButton';
import { HistoryList } from '../_components/HistoryList';
import { CoInvestors } from '../_components/CoInvestors';
import { RelatedRows } from '../_components/RelatedRows';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ collection: string; id: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

const rowTitle = (row: Row, titleColumn: string, zhTwin: string | undefined, zh: boolean) =>
  String((zh && zhTwin && row[zhTwin]) || row[titleColumn] || row.id);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireUser('read'); // the title is the row's: not for anonymous visitors in team mode
  const { collection: name, id } = await params;
  const collection = findCollection(name);
  const row = collection ? await getRow(await getAtlas(), collection, decodeURIComponent(id)) : null;
  return { title: row && collection ? String(row[collection.titleColumn] ?? row.id) : 'Not found' };
}

/** The currency the reader asked for (URL, else cookie); a bad `currency=` shows US dollars rather than no page. */
async function displayOf(atlas: Awaited<ReturnType<typeof getAtlas>>, searchParams: Props['searchParams']) {
  try {
    return await displayFxOf(atlas.db, await pageCurrency(searchParamsOf((await searchParams) ?? {})));
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}

export default async function DetailPage({ params, searchParams }: Props) {
  const viewer = await requireUser('read');
  const { collection: name, id: rawId } = await params;
  const collection = findCollection(name);
  if (!collection) notFound();
  const id = decodeURIComponent(rawId);
  const atlas = await getAtlas();
  const stored = await getRow(atlas, collection, id);
  if (!stored) notFound();
  const { locale, t } = await getTranslator();
  const [related, history, display] = await Promise.all([relatedRows(atlas, collection, id), historyOf(atlas.db, collection.id, id), displayOf(atlas, searchParams)]);
  // With another currency than US dollars, the row's money and its related rows' are shown in it (lib/fx).
  const converted = display ? convertAnswer(collection, { ...stored, ...related }, display, findCollection) : null;
  const row: Row = converted ?? stored;
  const extra = (converted ?? related) as Record<string, unknown>;
  const fx: FxBlock | null = converted?.fx ?? null;
  const title = collection.columns.find((c) => c.id === collection.titleColumn);
  const heading = collection.id === 'investments' && row.company ? `${(row.company as { name: string }).name} · ` : '';
  const citedBy = (extra.citedBy as { id: string; code: string; title: string; title_zh: string | null; stance: string }[]) ?? [];
  const investmentsMade = (extra.investmentsMade as Row[] | undefined) ?? [];
  const coInvestors = (extra.coInvestors as CoInvestor[] | undefined) ?? [];

  return (
    <>
      <div className="page-head">
        <div>
          <p className="small">
            <Link href={`/${collection.id}`}>← {t('detail.back', { collection: collection.label[locale] })}</Link>
          </p>
          <h1 data-testid="detail-title">
            {heading}
            {title?.type === 'enum' ? <CellValue collection={collection} column={title} row={{ ...row, [title.id]: row[title.id] }} locale={locale} /> : rowTitle(row, collection.titleColumn, title?.zhTwin, locale === 'zh')}
            {title?.zhTwin && !title.zhAsIs && locale === 'zh' && !row[title.zhTwin] ? <> <EnMarker locale={locale} /></> : null}
          </h1>
          {collection.columns
            .filter((c) => c.type === 'flag' && Number(row[c.id]) === 1)
            .map((c) => (
              <p key={c.id} data-testid={`detail-flag-${c.id}`}>
                <FlagMarker column={c} locale={locale} /> <span className="muted small">{c.flagLabels?.hint?.[locale]}</span>
              </p>
            ))}
          <p className="muted mono small">{collection.id}/{row.id}</p>
          <FxNote fx={fx} locale={locale} converted={row.amount_usd_basis === 'converted'} />
        </div>
        <div className="toolbar-actions">
          {collection.id === 'companies' ? (
            <>
              <FollowForm kind="company" target={row.id} followId={await followIdOf(viewer, 'company', row.id)} labels={await followLabels('company')} back={`/companies/${encodeURIComponent(row.id)}`} hint={t('follow.hint')} />
              <FollowForm kind="investor" target={row.id} followId={await followIdOf(viewer, 'investor', row.id)} labels={await followLabels('investor')} back={`/companies/${encodeURIComponent(row.id)}`} hint={t('follow.hint')} />
            </>
          ) : null}
          <Link className="btn" href={`/${collection.id}/${encodeURIComponent(row.id)}/edit`} data-testid="edit-row">
            {t('detail.edit')}
          </Link>
          <DeleteButton collectionId={collection.id} id={row.id} locale={locale} />
          <CiteButton collectionId={collection.id} rowId={row.id} locale={locale} />
        </div>
      </div>
      <div className="detail-grid">
        <section className="panel" aria-labelledby="fields">
          <h2 id="fields">{t('detail.fields')}</h2>
          <dl className="fields">
            {collection.columns.map((column) => (
              <div key={column.id} className="field">
                <dt>{column.type === 'money' && fx && fx.currency !== 'USD' ? t('fx.column', { label: column.label[locale], currency: fx.currency }) : column.label[locale]}</dt>
                <dd data-field={column.id}>
                  {column.id === 'id' || column.id === collection.titleColumn ? (
                    String(row[column.id] ?? '') || <span className="muted">{t('common.none')}</span>
                  ) : column.type === 'flag' && !row[column.id] ? (
                    <span className="muted">{flagLabel(column, 0, locale)}</span>
                  ) : column.type === 'longtext' && row[column.id] ? (
                    <p className="prewrap">{String(row[column.id])}</p>
                  ) : (
                    <CellValue collection={collection} column={column} row={row} locale={locale} lead={t('table.lead')} fx={fx} />
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <aside className="panel" aria-labelledby="history">
          <h2 id="history">{t('detail.history')}</h2>
          <HistoryList
            locale={locale}
            entries={history.map((h) => ({ id: h.id, at: h.at, actor: h.actor, action: h.action, collection: h.collection, rowId: h.rowId, fields: changedFields(h.before, h.after) }))}
          />
        </aside>
      </div>
      <RelatedRows related={extra.related as Record<string, Record<string, Row[]>>} locale={locale} fx={fx} />
      {collection.id === 'companies' ? (
        <section className="panel" data-testid="investments-made">
          <h2>
            {t('detail.investmentsMade')} <span className="muted small">({investmentsMade.length})</span>
          </h2>
          {investmentsMade.length ? <RoundsTable rows={investmentsMade} locale={locale} fx={fx} /> : <p className="muted">{t('detail.none')}</p>}
        </section>
      ) : null}
      {coInvestors.length ? <CoInvestors id={row.id} coInvestors={coInvestors} locale={locale} /> : null}
      {citedBy.length ? (
        <section className="panel">
          <h2>{t('detail.citedBy')}</h2>
          <ul>
            {citedBy.map((h) => (
              <li key={`${h.id}-${h.stance}`}>
                <Link href={`/hypotheses/${encodeURIComponent(h.id)}`}>
                  {h.code} · {locale === 'zh' && h.title_zh ? h.title_zh : h.title}
                </Link>{' '}
                <span className="badge">{valueLabel(h.stance, locale)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
