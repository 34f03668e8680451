import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { MAX_MIN_SHARED, MAX_PAIR_LIMIT } from '@/lib/analysis/params';
import { getCollection } from '@/lib/collections';
import { LAYERS, REGIONS } from '@/lib/collections/companies';
import { ApiError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { labelOf, type Locale, type Translate } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { hrefOf, networkView, searchParamsOf } from '@/lib/query/view-state';
import { FilterForm, withoutEmptyFields, type FilterField } from '../_components/analysis/FilterForm';
import { nameIn, windowText } from '../_components/analysis/words';
import { ChartFrame } from '../_components/chart/ChartFrame';
import { Pattern } from '../_components/chart/patterns';
import { ShareButton } from '../_components/share/ShareButton';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { loadNetwork, NETWORK_SIZE, type NetworkData } from '../_views/network';
import { sharedView, viewData } from '../_views/shared';
import { NetworkSvg } from './_components/NetworkSvg';
import { PairsTable, pairsCsv } from './_components/PairsTable';
import '../_components/analysis/analysis.css';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('net.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const companyColumn = (id: string, locale: Locale) => labelOf(getCollection('companies').columns.find((c) => c.id === id)!.label, locale);

function fields(data: NetworkData, locale: Locale, t: Translate): FilterField[] {
  const { query } = data.state;
  const all = { value: '', label: t('analysis.all') };
  return [
    { kind: 'select', name: 'layer', label: companyColumn('layer', locale), value: query.layer ?? '', options: [all, ...LAYERS.map((v) => ({ value: v, label: valueLabel(v, locale) }))] },
    { kind: 'select', name: 'region', label: companyColumn('region', locale), value: query.region ?? '', options: [all, ...REGIONS.map((v) => ({ value: v, label: valueLabel(v, locale) }))] },
    { kind: 'number', name: 'from', label: t('analysis.from'), value: String(query.from ?? ''), min: 1900, max: 2100 },
    { kind: 'number', name: 'to', label: t('analysis.to'), value: String(query.to ?? ''), min: 1900, max: 2100 },
    { kind: 'number', name: 'min', label: t('net.min'), value: query.min === null ? '' : String(query.min), min: 1, max: MAX_MIN_SHARED, placeholder: String(data.network.filters.min) },
    {
      kind: 'select',
      name: 'investor',
      label: labelOf(getCollection('investments').relationFilters!.find((f) => f.param === 'investor')!.label, locale),
      value: query.investor ?? '',
      options: [{ value: '', label: t('analysis.anyInvestor') }, ...data.investors.map((i) => ({ value: i.id, label: nameIn(i, locale === 'zh') }))],
    },
    { kind: 'number', name: 'limit', label: t('net.limit'), value: query.limit === null ? '' : String(query.limit), min: 1, max: MAX_PAIR_LIMIT, placeholder: String(data.network.filters.limit) },
  ];
}

export default async function NetworkPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser('read');
  const { locale, t } = await getTranslator();
  const params = searchParamsOf(await searchParams);
  const shared = sharedView();
  if (!shared) {
    const clean = withoutEmptyFields('/network', params);
    if (clean) redirect(clean);
  }
  const head = (
    <div className="page-head">
      <div>
        <h1>{t('net.title')}</h1>
        <p>{t('net.intro')}</p>
      </div>
      {shared ? null : <ShareButton locale={locale} title={t('net.title')} />}
    </div>
  );
  let data: NetworkData;
  try {
    data = await viewData(async () => loadNetwork(await getAtlas(), params));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return (
      <>
        {head}
        <div className="error-box" role="alert" data-testid="network-error">
          <p>{t('analysis.error', { message: error.message })}</p>
          <a href="/network">{t('analysis.reset')}</a>
        </div>
      </>
    );
  }

  const { network, state } = data;
  const { min } = network.filters;
  const source = t('net.source', {
    pairs: formatNumber(network.totalPairs, locale, 0),
    min: formatNumber(min, locale, 0),
    window: windowText(state.query, t),
    funds: t('analysis.fundsLeftOut'),
    nodes: formatNumber(network.nodes.length, locale, 0),
  });
  const sortKept: [string, string][] = state.sort !== 'rounds' || state.order !== 'desc' ? [['sort', state.sort], ['order', state.order]] : [];
  return (
    <>
      {head}
      {shared ? null : <FilterForm action="/network" fields={fields(data, locale, t)} hidden={sortKept} t={t} testId="network-filters" />}
      <div className="analysis-note muted small">
        {state.query.investor ? <p data-testid="network-around">{t('net.around', { name: data.investor ? nameIn(data.investor, locale === 'zh') : state.query.investor })}</p> : null}
        {network.totalPairs > network.pairs.length ? (
          <p data-testid="network-truncated">{t('net.truncated', { shown: formatNumber(network.pairs.length, locale, 0), total: formatNumber(network.totalPairs, locale, 0) })}</p>
        ) : null}
        {shared ? null : (
          <p>
            <a href={hrefOf('/api/v1/coinvestments', networkView.format({ ...state, sort: 'rounds', order: 'desc' }))}>{t('analysis.api')}</a>
          </p>
        )}
      </div>
      <ChartFrame
        title={t('net.chart.title')}
        units={t('net.chart.units')}
        source={source}
        locale={locale}
        height="auto"
        tableToggle={false}
        testId="chart-network"
        empty={network.pairs.length ? null : t('net.empty', { min: formatNumber(min, locale, 0) })}
        table={pairsCsv(network, locale, t)}
        patterns={<Pattern id="net-legend-china" kind="hatch" color="var(--chart-2)" />}
        legend={[
          { label: valueLabel('overseas', locale), color: 'var(--chart-1)' },
          { label: valueLabel('china', locale), color: 'var(--chart-2)', pattern: 'net-legend-china' },
          ...(network.nodes.some((n) => n.region === null) ? [{ label: t('analysis.regionUnknown'), color: 'var(--chart-5)' }] : []),
        ]}
      >
        <NetworkSvg network={network} layout={data.layout} size={NETWORK_SIZE} locale={locale} linked={!shared} />
      </ChartFrame>
      {network.pairs.length ? <PairsTable network={network} state={state} params={networkView.format(state)} locale={locale} t={t} linked={!shared} /> : null}
    </>
  );
}
