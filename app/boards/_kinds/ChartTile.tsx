import { FundingByQuarterChart, RegionByYearChart } from '@/app/_components/dashboard/DashboardCharts';
import { ViewLink as Link } from '@/app/_components/share/SharedView';
import { formatValue } from '@/app/_components/chart/format';
import { HhiSeriesChart, LorenzChart, SharesChart } from '@/app/concentration/_components/ConcentrationCharts';
import { basisLabel, describeSegment, describeWindow, sourceLine, unitsOf, valueKindOf } from '@/app/concentration/_lib/describe';
import type { ConcentrationQuery } from '@/lib/concentration';
import { formatNumber } from '@/lib/format';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import { concentrationView } from '@/lib/query/view-state';
import type { TileDataOf } from './loaders';

type ChartData = TileDataOf['chart'];

/** The concentration query of a tile's effective path (it was checked when the tile was saved). */
function queryOf(path: string | null): ConcentrationQuery | null {
  if (!path) return null;
  try {
    return concentrationView.parse(new URL(path, 'http://atlas.invalid').searchParams).query;
  } catch {
    return null;
  }
}

function CompareTable({ data, locale }: { data: Extract<ChartData, { chart: 'compare' }>; locale: Locale }) {
  const t = translator(locale);
  if (data.error) return <p className="error-box small">{data.error}</p>;
  if (!data.comparison) return <p className="muted">{t('board.compare.none')}</p>;
  const { scenarios, expectation } = data.comparison;
  return (
    <div className="board-table-scroll" tabIndex={0} role="region" aria-label={t('board.chart.compare')}>
      <table className="data board-table" data-testid="board-compare">
        <caption className="sr-only">{t('board.chart.compare')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.compare.scenario')}</th>
            <th scope="col" className="num">{t('scn.probability')}</th>
            <th scope="col" className="num">HHI</th>
            <th scope="col" className="num">CR4</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map(({ row, outcome }) => {
            const measures = outcome.kind === 'ok' ? outcome.scenario : null;
            return (
              <tr key={row.id}>
                <th scope="row">
                  {valueLabel(String(row.kind), locale)}: <Link href={`/scenarios/${encodeURIComponent(row.id)}`}>{localText(row.title, row.title_zh, locale)?.text ?? row.id}</Link>
                </th>
                <td className="num">{typeof row.probability === 'number' ? `${formatNumber(row.probability, locale, 1)}%` : '—'}</td>
                <td className="num">{formatValue('hhi', measures?.hhi, locale)}</td>
                <td className="num">{formatValue('percent', measures?.n ? measures.cr4 : null, locale)}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">{t('scn.cmp.expected')}</th>
            <td className="num">{`${formatNumber(expectation.probabilityTotal, locale, 1)}%`}</td>
            <td className="num">{formatValue('hhi', expectation.hhi, locale)}</td>
            <td className="num">{formatValue('percent', expectation.cr4, locale)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** A chart of the concentration view or the dashboard, drawn by the components those pages use. */
export function ChartTile({ data, path, locale }: { data: ChartData; path: string | null; locale: Locale }) {
  const t = translator(locale);
  switch (data.chart) {
    case 'shares':
    case 'lorenz': {
      const query = queryOf(path);
      const source = query ? sourceLine(query, data.report, locale) : '';
      if (data.chart === 'lorenz') return <LorenzChart report={data.report} locale={locale} source={source} />;
      const title = query ? t('conc.shares.title', { basis: basisLabel(query, locale) }) : t('board.chart.shares');
      return <SharesChart report={data.report} valueKind={valueKindOf(data.report, data.report.coverage !== null)} locale={locale} source={source} units={query ? unitsOf(query, locale) : ''} title={title} />;
    }
    case 'hhi-series': {
      const { series } = data;
      const query = queryOf(path);
      const source = query
        ? t('board.chart.seriesSource', { basis: basisLabel(query, locale), segment: describeSegment(query, locale), window: describeWindow(query, locale) })
        : '';
      return (
        <HhiSeriesChart
          points={series.points}
          guidelines={series.guidelines}
          intervalLabel={t(`conc.interval.${series.interval}` as MessageKey).toLowerCase()}
          guidelinesLabel={t(`conc.guidelines.${series.guidelines}` as MessageKey)}
          valueKind={valueKindOf(series, false)}
          locale={locale}
          source={source}
        />
      );
    }
    case 'funding-by-layer':
      return <FundingByQuarterChart rows={data.quarters.map((q) => ({ period: q.period, group: q.layer, total: q.total }))} locale={locale} source={t('board.chart.fundingSource')} />;
    case 'funding-by-region':
      return <RegionByYearChart rows={data.regions.map((r) => ({ period: r.period, group: r.region, total: r.total }))} locale={locale} source={t('board.chart.fundingSource')} />;
    case 'compare':
      return <CompareTable data={data} locale={locale} />;
  }
}
