import { NotShared, ViewLink as Link } from '@/app/_components/share/SharedView';
import { getAtlas } from '@/db/connection';
import { UNICORN_USD } from '@/db/dashboard';
import { ROUND_TYPES } from '@/lib/collections/investments';
import { ApiError } from '@/lib/errors';
import { formatMoney, formatNumber } from '@/lib/format';
import type { MessageKey } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { FundingByQuarterChart, RegionByYearChart, TopFundedChart } from './_components/dashboard/DashboardCharts';
import { BoardsPanel } from './_components/dashboard/BoardsPanel';
import { HypothesesPanel, PortfolioPanel, UseCasesPanel } from './_components/dashboard/Panels';
import { FxNote, ratesText, sourcesText } from './_components/FxNote';
import { ShareButton } from './_components/share/ShareButton';
import { homeChartChoice } from './_components/pin/choices';
import { pinAccess, pinButton } from './_components/pin/PinToBoard';
import { loadHome, loadHomeBoards } from './_views/home';
import { sharedView, viewData } from './_views/shared';
import { mayWrite, requireUser, restrictionOf } from './_lib/auth';
import { pageCurrency } from './_lib/currency';
import { getTranslator } from './_lib/locale';
import { milestoneStateOf } from './_views/milestones';
import { MilestoneToggle } from './_components/events/MilestoneToggle';
import { searchParamsOf, type SearchRecord } from '@/lib/query/view-state';
import './_components/dashboard/dashboard.css';

export const dynamic = 'force-dynamic';

/** The disclosed total and the OpenAI-backed count leave a fund's size out (db/concentration.ts roundTypeCondition): so do their table links. */
const ROUNDS_NOT_FUNDS = ROUND_TYPES.filter((type) => type !== 'fund').map((type) => `round_type=${type}`).join('&');

export default async function HomePage({ searchParams }: { searchParams?: Promise<SearchRecord> }) {
  const viewer = await requireUser('read');
  const { locale, t } = await getTranslator();
  const shared = sharedView();
  const params = searchParamsOf((await searchParams) ?? {});
  const milestoneState = milestoneStateOf(params);
  let data: Awaited<ReturnType<typeof loadHome>>;
  // The viewer's own boards: never part of a shared dashboard.
  let boards: Awaited<ReturnType<typeof loadHomeBoards>> | null;
  try {
    [boards, data] = await Promise.all([
      shared ? null : getAtlas().then((atlas) => loadHomeBoards(atlas, restrictionOf(viewer))),
      viewData(async () => loadHome(await getAtlas(), await pageCurrency(params), milestoneState.view)),
    ]);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return (
      <div className="error-box" role="alert" data-testid="query-error">
        <h1>{t('home.title')}</h1>
        <p className="mono">{error.message}</p>
        <Link className="btn" href="/">
          {t('tbl.reset')}
        </Link>
      </div>
    );
  }
  const { stats, openaiRounds, unicorns, quarters, regions, top, portfolio, useCases, hypotheses, foundation, application, indicators: indicatorRecord, fx, milestones } = data;
  // The money's currency is the loaded data's (a share link shows what it was made with, whatever the visitor chose).
  const currency = fx?.currency ?? 'USD';
  const indicators = new Map(Object.entries(indicatorRecord));
  const pin = await pinAccess(locale);
  const disclosedNote = [t('home.disclosedNote', { n: stats.disclosedRounds, m: stats.counts.investments }), stats.convertedRounds ? t('fx.tile.converted', { n: stats.convertedRounds }) : null].filter(Boolean).join(' · ');
  const fxChartNote =
    fx && currency !== 'USD'
      ? [t('fx.chart.note', { currency, rates: ratesText(fx, locale) || '—', source: sourcesText(fx) }), fx.missing_years.length ? t('fx.chart.missing', { years: fx.missing_years.join(', ') }) : null].filter(Boolean).join('; ')
      : null;
  const source = [t('dash.source', { n: stats.disclosedRounds, m: stats.counts.investments }), fxChartNote].filter(Boolean).join(' · ');

  const tiles = [
    { key: 'companies', href: '/companies', label: t('home.companies'), value: formatNumber(stats.counts.companies, locale, 0) },
    { key: 'rounds', href: '/investments', label: t('home.rounds'), value: formatNumber(stats.counts.investments, locale, 0) },
    { key: 'disclosed', href: `/investments?amount_usd__isnull=0&${ROUNDS_NOT_FUNDS}`, label: t('home.disclosed'), value: formatMoney(stats.disclosedFunding, locale, currency), note: disclosedNote },
    { key: 'unicorns', href: `/investments?post_money_usd__gte=${UNICORN_USD}`, label: t('dash.unicorns'), value: formatNumber(unicorns, locale, 0), note: t('dash.unicornsNote') },
    { key: 'openai', href: `/investments?investor=openai&${ROUNDS_NOT_FUNDS}`, label: t('home.openaiRounds'), value: formatNumber(openaiRounds, locale, 0), note: t('dash.openaiNote') },
    { key: 'use-cases', href: '/use-cases', label: t('home.useCases'), value: formatNumber(stats.counts['use-cases'], locale, 0) },
    { key: 'hypotheses', href: '/hypotheses', label: t('home.hypotheses'), value: formatNumber(stats.counts.hypotheses, locale, 0) },
  ];
  const thesis = [
    { layer: 'foundation', report: foundation },
    { layer: 'application', report: application },
  ];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('home.title')}</h1>
          <p>{t('home.intro')}</p>
        </div>
        {shared ? null : <ShareButton locale={locale} title={t('home.title')} />}
      </div>
      <FxNote fx={fx} locale={locale} />
      <h2>{t('home.holds')}</h2>
      {stats.counts.companies === 0 ? <p className="error-box">{t('home.empty')}</p> : null}
      <div className="tiles dash-tiles" data-testid="home-tiles">
        {tiles.map((tile) => (
          <Link key={tile.key} href={tile.href} className="tile" data-testid={`tile-${tile.key}`}>
            <div className="tile-label">{tile.label}</div>
            <div className="tile-value">{tile.value}</div>
            {tile.note ? <div className="tile-note">{tile.note}</div> : null}
          </Link>
        ))}
      </div>
      <section className="panel dash-thesis" aria-labelledby="dash-thesis" data-testid="dash-thesis">
        <div className="panel-head">
          <h2 id="dash-thesis">{t('dash.thesis.title')}</h2>
          <NotShared>
            <Link href="/concentration">{t('dash.thesis.open')} →</Link>
          </NotShared>
        </div>
        <p className="muted small">{t('conc.thesis.intro')}</p>
        <div className="dash-thesis-sides">
          {thesis.map(({ layer, report }) => (
            <Link key={layer} href={`/concentration?layer=${layer}`} className="tile">
              <div className="tile-label">{valueLabel(layer, locale)}</div>
              <div className="tile-value">HHI {report.n ? formatNumber(report.hhi, locale, 0) : '—'}</div>
              <div className="tile-note">
                <span className={`conc-band conc-band-${report.band ?? 'none'}`}>{t(`conc.band.${report.band ?? 'none'}` as MessageKey)}</span> · CR4{' '}
                {report.n ? `${formatNumber(report.cr['4'], locale, 1)}%` : '—'} · n = {report.n}
              </div>
            </Link>
          ))}
        </div>
      </section>
      <MilestoneToggle pathname="/" params={params} view={milestoneState.view} error={milestoneState.error} locale={locale} />
      {boards ? <BoardsPanel rows={boards.rows} total={boards.total} canCreate={mayWrite(viewer)} locale={locale} /> : null}
      <div className="grid-2">
        <FundingByQuarterChart
          rows={quarters.map((q) => ({ period: q.period, group: q.layer, total: q.total }))}
          locale={locale}
          source={source}
          milestones={milestones ?? null}
          currency={currency}
          actions={pinButton(pin, homeChartChoice('funding-by-layer', locale), { testId: 'pin-open-funding-by-layer', nameChoice: true })}
        />
        <RegionByYearChart
          rows={regions.map((r) => ({ period: r.period, group: r.region, total: r.total }))}
          locale={locale}
          source={source}
          milestones={milestones ?? null}
          currency={currency}
          actions={pinButton(pin, homeChartChoice('funding-by-region', locale), { testId: 'pin-open-funding-by-region', nameChoice: true })}
        />
      </div>
      <div className="grid-2">
        <TopFundedChart rows={top} locale={locale} source={source} currency={currency} />
        <PortfolioPanel rows={portfolio} locale={locale} currency={currency} />
      </div>
      <div className="grid-2">
        <UseCasesPanel rows={useCases.rows} locale={locale} />
        <HypothesesPanel rows={hypotheses.rows} indicators={indicators} locale={locale} />
      </div>
      <footer className="dash-footer small" data-testid="dash-footer">
        <Link href="/sources">{t('sources.footer')} →</Link>
      </footer>
    </>
  );
}
