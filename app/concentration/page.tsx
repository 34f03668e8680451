import type { Metadata } from 'next';
import { ViewLink as Link } from '@/app/_components/share/SharedView';
import { getAtlas } from '@/db/connection';
import { getCollection } from '@/lib/collections';
import { LAYERS, MODALITIES, REGIONS } from '@/lib/collections/companies';
import { companyFilterParams, concentrationToParams, GUIDELINES, type ConcentrationQuery } from '@/lib/concentration';
import { formatNumber } from '@/lib/format';
import { labelOf, type Locale, type MessageKey } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { hrefOf, searchParamsOf } from '@/lib/query/view-state';
import { formatValue } from '../_components/chart/format';
import { FxNote } from '../_components/FxNote';
import { requireUser } from '../_lib/auth';
import { cookieChoice } from '../_lib/currency';
import { getTranslator } from '../_lib/locale';
import { CompareSegments, type SegmentSide } from './_components/CompareSegments';
import { Cr4SeriesChart, HhiSeriesChart, LorenzChart, SharesChart } from './_components/ConcentrationCharts';
import { shareName } from './_lib/chart-helpers';
import { Controls, type Chip, type FilterControl } from './_components/Controls';
import { MergerControl } from './_components/MergerControl';
import { basisLabel, describeSegment, describeWindow, segmentName, sourceLine, unitsOf, valueKindOf } from './_lib/describe';
import { DEFAULT_TOP } from './_lib/load';
import { loadConcentration } from '../_views/concentration';
import { sharedView, viewData } from '../_views/shared';
import { ShareButton } from '../_components/share/ShareButton';
import { concentrationChoices } from '../_components/pin/choices';
import { PinToBoard } from '../_components/pin/PinToBoard';
import { Tiles } from './_components/Tiles';
import { MilestoneToggle } from '../_components/events/MilestoneToggle';
import './concentration.css';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('conc.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const CONTROLLED = { layer: LAYERS, region: REGIONS, modality: MODALITIES, vertical: [] as readonly string[] };

function controls(query: ConcentrationQuery, verticals: string[], locale: Locale): { filters: FilterControl[]; chips: Chip[] } {
  const companies = getCollection('companies');
  const filters = Object.entries(CONTROLLED).map(([key, values]) => {
    const column = companies.columns.find((c) => c.id === key);
    const chosen = query.companies.filters.filter((f) => f.column.id === key && f.op === 'eq').flatMap((f) => f.values.map(String));
    return { key, label: column ? labelOf(column.label, locale) : key, values: key === 'vertical' ? verticals : [...values], value: chosen.length === 1 ? chosen[0] : '' };
  });
  const controlled = new Set(filters.filter((f) => f.value).map((f) => f.key));
  const chips: Chip[] = [];
  if (query.companies.q) chips.push({ key: 'q', value: query.companies.q, label: `“${query.companies.q}”` });
  for (const f of query.companies.filters) {
    if (f.op === 'eq' && controlled.has(f.column.id)) continue;
    const key = f.op === 'eq' ? f.column.id : `${f.column.id}__${f.op}`;
    for (const v of f.values) {
      const raw = f.op === 'isnull' ? (v ? '1' : '0') : String(v);
      chips.push({ key, value: raw, label: `${labelOf(f.column.label, locale)} ${f.op === 'eq' ? '=' : f.op} ${typeof v === 'string' ? valueLabel(v, locale) : raw}` });
    }
  }
  return { filters, chips };
}

export default async function ConcentrationPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser('read');
  const { locale, t } = await getTranslator();
  const params = searchParamsOf(await searchParams);
  const shared = sharedView();
  // The reader's currency (cookie) when the URL names none: it becomes part of the view, so links keep it.
  const chosen = shared || params.has('currency') ? null : await cookieChoice();
  if (chosen) params.set('currency', chosen);
  const data = await viewData(async () => loadConcentration(await getAtlas(), params));
  const { options } = data;
  const head = (
    <div className="page-head">
      <div>
        <h1>{t('conc.title')}</h1>
        <p>{t('conc.intro')}</p>
      </div>
      {shared ? null : (
        <div className="toolbar-actions">
          <PinToBoard locale={locale} choices={data.kind === 'error' ? [] : concentrationChoices(params, locale)} />
          <ShareButton locale={locale} title={t('conc.title')} />
        </div>
      )}
    </div>
  );
  const fail = (message: string) => (
    <>
      {head}
      <div className="error-box" role="alert" data-testid="conc-error">
        <p>{t('conc.error', { message })}</p>
        <Link href="/concentration">{t('conc.reset')}</Link>
      </div>
    </>
  );

  if (data.kind === 'error') return fail(data.message);
  if (data.kind === 'noSegments') return <>{head}<p className="error-box">{t('conc.noSegments')}</p></>;
  const { view } = data;

  const { query, report, full, series, compare, merge } = view;
  const chosenSegment = query.basis === 'share' ? options.segments.find((s) => s.segment === query.segment) : undefined;
  const segmentShown = chosenSegment ? segmentName(chosenSegment, locale) : null;
  const source = sourceLine(query, report, locale, segmentShown);
  const kind = valueKindOf(query, report.coverage !== null);
  const intervalLabel = t(`conc.interval.${query.interval}` as MessageKey).toLowerCase();
  const guidelinesLabel = t(`conc.guidelines.${query.guidelines}` as MessageKey);
  const { filters, chips } = controls(query, options.verticals, locale);
  const state = {
    basis: query.basis,
    by: query.by,
    from: query.from ?? '',
    to: query.to ?? '',
    top: query.top ?? DEFAULT_TOP,
    guidelines: query.guidelines,
    interval: query.interval,
    segment: query.segment ?? '',
    period: query.period ?? '',
    shareBasis: query.shareBasis ?? '',
  };
  const companiesHref = hrefOf('/companies', companyFilterParams(query));
  const mergeMessage = merge.problem === 'same' ? t('conc.merger.same') : merge.problem === 'unknown' ? t('conc.merger.unknown') : null;

  return (
    <>
      {head}
      {shared ? null : <Controls locale={locale} state={state} filters={filters} chips={chips} segments={options.segments} />}
      <h2 id="conc-measures" className="sr-only">
        {t('conc.measures')}
      </h2>
      <Tiles report={report} query={query} locale={locale} kind={kind} />
      <FxNote fx={view.fx} locale={locale} />
      <div className="conc-notes muted small">
        {query.by === 'investor' ? <p data-testid="split-note">{t('conc.splitNote')}</p> : null}
        {report.unattributed ? <p>{t('conc.unattributedNote', { n: formatNumber(report.unattributed, locale, 0) })}</p> : null}
        {report.coverage !== null && report.coverage < 100 ? <p>{t('conc.coverageNote', { pct: formatValue('percent', report.coverage, locale) })}</p> : null}
        {shared ? null : (
          <p>
            <a href={`/api/v1/concentration?${concentrationToParams(query)}`}>{t('conc.api')}</a>
            {' · '}
            <Link href={companiesHref}>{t('conc.companiesLink')}</Link>
          </p>
        )}
      </div>
      <div className="grid-2">
        <SharesChart report={report} valueKind={kind} locale={locale} source={source} units={unitsOf(query, locale)} title={t('conc.shares.title', { basis: basisLabel(query, locale, segmentShown) })} />
        <LorenzChart report={report} locale={locale} source={source} />
      </div>
      <MilestoneToggle pathname="/concentration" params={params} view={view.events} locale={locale} />
      <div className="grid-2">
        <HhiSeriesChart points={series.points} guidelines={query.guidelines} intervalLabel={intervalLabel} guidelinesLabel={guidelinesLabel} valueKind={kind} locale={locale} source={source} milestones={view.milestones} />
        <Cr4SeriesChart points={series.points} intervalLabel={intervalLabel} valueKind={kind} locale={locale} source={source} milestones={view.milestones} />
      </div>
      <section className="panel" aria-labelledby="conc-thesis" data-testid="conc-thesis">
        <h2 id="conc-thesis">{t('conc.thesis.title')}</h2>
        <p className="muted small">{t('conc.thesis.intro')}</p>
        <div className="grid-2">
          {compare.map(({ column, sides }) => (
            <CompareSegments
              key={column}
              title={t(column === 'layer' ? 'conc.thesis.layer' : 'conc.thesis.region')}
              guidelines={query.guidelines}
              intervalLabel={intervalLabel}
              valueKind={kind}
              locale={locale}
              source={t('conc.source', {
                basis: basisLabel(query, locale, segmentShown),
                segment: sides.map((s) => describeSegment(s.query, locale)).join(' | '),
                window: describeWindow(query, locale),
                n: sides.map((s) => formatNumber(s.report.n, locale, 0)).join(' | '),
              })}
              sides={sides.map((s) => ({
                key: s.key,
                label: valueLabel(s.value, locale),
                href: s.href,
                hhi: s.report.hhi,
                band: s.report.band,
                cr4: s.report.cr['4'],
                n: s.report.n,
                total: s.report.total,
                excluded: s.report.excluded,
                points: s.series.points,
              })) as [SegmentSide, SegmentSide]}
            />
          ))}
        </div>
      </section>
      {shared ? null : <MergerControl
        locale={locale}
        firms={full.shares.filter((s) => !s.id.startsWith('_')).slice(0, 100).map((s) => ({ id: s.id, label: shareName(s, locale), share: s.share }))}
        a={merge.a}
        b={merge.b}
        effect={merge.effect}
        message={mergeMessage}
        intro={t('conc.merger.intro', { guidelines: guidelinesLabel, delta: formatNumber(GUIDELINES[query.guidelines].delta, locale, 0) })}
      />}
      <details className="panel conc-method">
        <summary>{t('conc.method')}</summary>
        <p>{t('conc.method.shares')}</p>
        <p>{t('conc.method.bands')}</p>
        <p>{t('conc.method.undisclosed')}</p>
        <p>{t('conc.splitNote')}</p>
      </details>
    </>
  );
}
