import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { facetKeysOf } from '@/db/facets';
import { describedCollection, findCollection, ownersOnly } from '@/lib/collections';
import { ApiError } from '@/lib/errors';
import { filtersOf, hrefOf, searchParamsOf } from '@/lib/query/view-state';
import { UNWATCHED } from '@/lib/alerts/paths';
import { FollowForm } from '../_components/follow/FollowForm';
import { followLabels } from '../_lib/follow-labels';
import { followIdOf } from '../_lib/follows';
import { sharedView, viewData } from '../_views/shared';
import { loadTable, type TableData } from '../_views/table';
import { ShareButton } from '../_components/share/ShareButton';
import { tableChoices } from '../_components/pin/choices';
import { PinToBoard } from '../_components/pin/PinToBoard';
import { DataTable } from '../_components/data-table/DataTable';
import { requireUser, restrictionOf } from '../_lib/auth';
import { pageCurrency } from '../_lib/currency';
import { FxNote } from '../_components/FxNote';
import { getTranslator } from '../_lib/locale';
import { PRESETS } from './presets';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ collection: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const collection = findCollection((await params).collection);
  return { title: collection?.label.en ?? 'Not found' };
}

export default async function CollectionPage({ params, searchParams }: Props) {
  const viewer = await requireUser('read');
  const collection = findCollection((await params).collection);
  if (!collection) notFound();
  const { locale, t } = await getTranslator();
  const search = searchParamsOf(await searchParams);
  const shared = sharedView();
  // Following a view follows its rows (its filters and search), whatever their order or page.
  const followTarget = hrefOf(`/${collection.id}`, filtersOf(search));
  const followable = !shared && !UNWATCHED.includes(collection.id);
  const unshareable = ownersOnly(collection);
  const heading = (
    <div className="page-head">
      <h1>{collection.label[locale]}</h1>
      {shared ? null : (
        <div className="toolbar-actions">
          {followable ? <FollowForm kind="view" target={followTarget} followId={await followIdOf(viewer, 'view', followTarget)} labels={await followLabels('view')} back={hrefOf(`/${collection.id}`, search)} hint={t('follow.hint')} /> : null}
          {unshareable ? null : <PinToBoard locale={locale} choices={tableChoices(collection, search, locale, collection.label[locale])} />}
          {unshareable ? null : <ShareButton locale={locale} title={collection.label[locale]} />}
        </div>
      )}
    </div>
  );

  let data: TableData;
  try {
    data = await viewData(async () => loadTable(await getAtlas(), collection, search, restrictionOf(viewer), await pageCurrency(search)));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return (
      <>
        {heading}
        <div className="error-box" role="alert" data-testid="query-error">
          <h2>{t('tbl.badQuery')}</h2>
          <p className="mono">{error.message}</p>
          <p>{t('tbl.badQueryHint')}</p>
          <Link className="btn" href={`/${collection.id}`}>
            {t('tbl.reset')}
          </Link>
        </div>
      </>
    );
  }

  // One page of rows is all the page waits for; facet counts load when a facet is opened.
  const { page, selectedNames, visibleColumns, sort } = data;
  const current = search.toString();
  const presets = (PRESETS[collection.id] ?? []).map((p) => ({ label: t(p.label), href: `/${collection.id}?${p.query}`, active: current === p.query }));

  return (
    <>
      {heading}
      {page.fx ? <FxNote fx={page.fx} locale={locale} converted={page.rows.some((r) => r.amount_usd_basis === 'converted')} /> : null}
      <DataTable
        collection={describedCollection(collection)}
        locale={locale}
        rows={page.rows}
        rowsQuery={current}
        total={page.total}
        page={page.page}
        pageSize={page.pageSize}
        sort={sort}
        visibleColumns={visibleColumns}
        facetKeys={facetKeysOf(collection)}
        selectedNames={selectedNames}
        presets={shared ? [] : presets}
        fx={page.fx ?? null}
        readOnly={shared ? { csvHref: shared.link.allowCsv ? `/api/v1/s/${shared.link.token}.csv` : null } : null}
      />
    </>
  );
}
