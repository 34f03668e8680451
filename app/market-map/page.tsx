import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import type { RefName } from '@/db/rows';
import { MAX_MAP_TOP, type MarketMapQuery } from '@/lib/analysis/params';
import { getCollection } from '@/lib/collections';
import { LAYERS, REGIONS } from '@/lib/collections/companies';
import { ApiError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { labelOf, type Locale, type Translate } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { hrefOf, marketMapView, searchParamsOf } from '@/lib/query/view-state';
import { FilterForm, withoutEmptyFields, type FilterField } from '../_components/analysis/FilterForm';
import { windowText } from '../_components/analysis/words';
import { ChartFrame } from '../_components/chart/ChartFrame';
import { Pattern } from '../_components/chart/patterns';
import { ShareButton } from '../_components/share/ShareButton';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { loadMarketMap, type MarketMapData } from '../_views/market-map';
import { sharedView, viewData } from '../_views/shared';
import { MapTable, mapCsvRows } from './_components/MapTable';
import { MarketMapSvg } from './_components/MarketMapSvg';
import '../_components/analysis/analysis.css';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('map.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const columnLabel = (id: string, locale: Locale) => labelOf(getCollection('companies').columns.find((c) => c.id === id)!.label, locale);
const nameOf = (r: RefName, locale: Locale) => (locale === 'zh' && r.name_zh ? r.name_zh : r.name);

function fields(data: MarketMapData, locale: Locale, t: Translate): FilterField[] {
  const { query } = data;
  const all = { value: '', label: t('analysis.all') };
  const select = (name: keyof MarketMapQuery, values: readonly string[]) => ({
    kind: 'select' as const,
    name,
    label: columnLabel(name, locale),
    value: String(query[name] ?? ''),
    options: [all, ...values.map((v) => ({ value: v, label: valueLabel(v, locale) }))],
  });
  return [
    select('layer', LAYERS),
    select('region', REGIONS),
    { ...select('country', data.countries), options: [all, ...data.countries.map((c) => ({ value: c, label: c }))] },
    { kind: 'number', name: 'from', label: t('analysis.from'), value: String(query.from ?? ''), min: 1900, max: 2100 },
    { kind: 'number', name: 'to', label: t('analysis.to'), value: String(query.to ?? ''), min: 1900, max: 2100 },
    {
      kind: 'select',
      name: 'investor',
      label: labelOf(getCollection('investments').relationFilters!.find((f) => f.param === 'investor')!.label, locale),
      value: query.investor ?? '',
      options: [{ value: '', label: t('analysis.anyInvestor') }, ...data.investors.map((i) => ({ value: i.id, label: nameOf(i, locale) }))],
    },
    { kind: 'number', name: 'top', label: t('map.top'), value: query.top === null ? '' : String(query.top), min: 1, max: MAX_MAP_TOP, placeholder: String(data.map.filters.top) },
  ];
}

export default async function MarketMapPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser('read');
  const { locale, t } = await getTranslator();
  const params = searchParamsOf(await searchParams);
  const shared = sharedView();
  if (!shared) {
    const clean = withoutEmptyFields('/market-map', params);
    if (clean) redirect(clean);
  }
  const head = (
    <div className="page-head">
      <div>
        <h1>{t('map.title')}</h1>
        <p>{t('map.intro')}</p>
      </div>
      {shared ? null : <ShareButton locale={locale} title={t('map.title')} />}
    </div>
  );
  let data: MarketMapData;
  try {
    data = await viewData(async () => loadMarketMap(await getAtlas(), params));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return (
      <>
        {head}
        <div className="error-box" role="alert" data-testid="map-error">
          <p>{t('analysis.error', { message: error.message })}</p>
          <a href="/market-map">{t('analysis.reset')}</a>
        </div>
      </>
    );
  }

  const { map, query } = data;
  const companies = map.layers.reduce((s, l) => s + l.count, 0);
  const undisclosed = map.layers.reduce((s, l) => s + l.undisclosed, 0);
  const source = t('map.source', { window: windowText(query, t), funds: t('analysis.fundsLeftOut'), n: formatNumber(companies, locale, 0), m: formatNumber(undisclosed, locale, 0) });
  const csv = mapCsvRows(map.layers, locale, t);
  const verticals = map.layers.flatMap((l) => l.verticals);
  const named = verticals.flatMap((v) => v.companies);
  return (
    <>
      {head}
      {shared ? null : <FilterForm action="/market-map" fields={fields(data, locale, t)} t={t} testId="map-filters" />}
      <div className="analysis-note muted small">
        {query.investor ? <p data-testid="map-portfolio">{t('map.portfolio', { name: data.investor ? nameOf(data.investor, locale) : query.investor })}</p> : null}
        {shared ? null : (
          <p>
            <a href={hrefOf('/api/v1/market-map', marketMapView.format(query))}>{t('analysis.api')}</a>
          </p>
        )}
      </div>
      <ChartFrame
        title={t('map.chart.title')}
        units={t('map.chart.units')}
        source={source}
        locale={locale}
        height="auto"
        tableToggle={false}
        testId="chart-market-map"
        empty={map.layers.length ? null : t('map.empty')}
        table={csv}
        patterns={<Pattern id="map-legend-china" kind="hatch" color="var(--chart-2)" />}
        legend={[
          { label: valueLabel('overseas', locale), color: 'var(--chart-1)' },
          { label: valueLabel('china', locale), color: 'var(--chart-2)', pattern: 'map-legend-china' },
          ...(named.some((c) => c.region === null) ? [{ label: t('analysis.regionUnknown'), color: 'var(--chart-5)' }] : []),
          ...(verticals.some((v) => v.others) ? [{ label: t('map.othersLegend'), color: 'var(--panel-2)', stroke: 'var(--border)' }] : []),
        ]}
      >
        <MarketMapSvg layers={map.layers} locale={locale} linked={!shared} />
      </ChartFrame>
      {map.layers.length ? <MapTable layers={map.layers} locale={locale} t={t} linked={!shared} /> : null}
    </>
  );
}
