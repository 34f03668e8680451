'use client';

import dynamic from 'next/dynamic';
import { ChartFrame } from '@/app/_components/chart/ChartFrame';
import { formatValue, type ValueKind } from '@/app/_components/chart/format';
import { HBarChart } from '@/app/_components/chart/HBarChart';
import { PlotPlaceholder, WhenVisible } from '@/app/_components/chart/LazyPlot';
import { fillPeriods } from '@/app/_components/chart/periods';
import { LineSeriesChart, type LineSeries } from '@/app/_components/chart/LineSeriesChart';
import type { ConcentrationReport, Guidelines, ReportSeriesPoint } from '@/lib/concentration';
import type { Milestone } from '@/lib/events/markers';
import { formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { bandKey, hhiDomain, shadedBands, shareName } from '../_lib/chart-helpers';

const LorenzPlot = dynamic(() => import('./LorenzPlot'), { ssr: false, loading: PlotPlaceholder });

interface Common {
  locale: Locale;
  source: string;
}

export function SharesChart({ report, valueKind, locale, source, title, units }: Common & { report: ConcentrationReport; valueKind: ValueKind; title: string; units: string }) {
  const t = translator(locale);
  const data = report.shares.map((s) => ({
    id: s.id,
    label: shareName(s, locale),
    value: s.share,
    display: formatValue('percent', s.share, locale),
    muted: s.id.startsWith('_'),
  }));
  return (
    <HBarChart
      testId="chart-shares"
      title={title}
      units={`${t('conc.shares.units')} · ${units}`}
      source={source}
      locale={locale}
      axis="percent"
      data={data}
      empty={data.length ? null : t('conc.empty')}
      table={{
        columns: [
          { key: 'rank', label: t('conc.col.rank'), numeric: true },
          { key: 'firm', label: t('conc.col.firm') },
          { key: 'value', label: t('conc.col.value'), numeric: true },
          { key: 'share', label: t('conc.col.share'), numeric: true },
        ],
        rows: report.shares.map((s, i) => ({ rank: s.id.startsWith('_') ? null : i + 1, firm: shareName(s, locale), value: s.value, share: s.share })),
        format: (key, value) => (key === 'value' ? formatValue(valueKind, value as number, locale) : key === 'share' ? formatValue('percent', value as number, locale) : value),
      }}
    />
  );
}

export function LorenzChart({ report, locale, source }: Common & { report: ConcentrationReport }) {
  const t = translator(locale);
  const data = report.lorenz.map(([x, y]) => ({ x: x * 100, y: y * 100 }));
  const pct = (v: number) => formatValue('percent', v, locale);
  return (
    <ChartFrame
      testId="chart-lorenz"
      title={t('conc.lorenz.title', { gini: formatNumber(report.gini, locale, 2) })}
      units={t('conc.lorenz.units')}
      source={source}
      locale={locale}
      empty={report.n ? null : t('conc.empty')}
      legend={[
        { label: t('conc.lorenz.curve'), color: 'var(--chart-1)', dash: '' },
        { label: t('conc.lorenz.equality'), color: 'var(--chart-5)', dash: '5 4' },
      ]}
      table={{
        columns: [
          { key: 'x', label: t('conc.lorenz.firms'), numeric: true },
          { key: 'y', label: t('conc.lorenz.value'), numeric: true },
        ],
        rows: data,
        format: (_key, value) => pct(value as number),
      }}
    >
      <WhenVisible>
        <LorenzPlot data={data} pct={pct} firmsLabel={t('conc.lorenz.firms')} curveLabel={t('conc.lorenz.curve')} />
      </WhenVisible>
    </ChartFrame>
  );
}

interface SeriesProps extends Common {
  points: ReportSeriesPoint[];
  guidelines: Guidelines;
  intervalLabel: string;
  guidelinesLabel: string;
  valueKind: ValueKind;
  /** Milestones to mark at their periods (null: none). */
  milestones?: Milestone[] | null;
}

/** One chart row per period, gaps included (null = no firm with a value then). */
function seriesData(points: ReportSeriesPoint[], key: 'hhi' | 'cr4') {
  const byPeriod = new Map(points.map((p) => [p.period, p]));
  return fillPeriods(points.map((p) => p.period)).map((period) => {
    const p = byPeriod.get(period);
    return { period, [key]: p && p.n ? p[key] : null };
  });
}

function seriesTable(points: ReportSeriesPoint[], locale: Locale, valueKind: ValueKind) {
  const t = translator(locale);
  return {
    columns: [
      { key: 'period', label: t('conc.col.period') },
      { key: 'hhi', label: t('conc.hhi'), numeric: true },
      { key: 'band', label: t('conc.col.band') },
      { key: 'cr4', label: t('conc.cr4'), numeric: true },
      { key: 'n', label: t('conc.col.n'), numeric: true },
      { key: 'total', label: t('conc.col.total'), numeric: true },
      { key: 'excluded', label: t('conc.excluded'), numeric: true },
    ],
    rows: points.map((p) => ({ period: p.period, hhi: p.n ? p.hhi : null, band: t(bandKey(p.band)), cr4: p.n ? p.cr4 : null, n: p.n, total: p.total, excluded: p.excluded })),
    format: (key: string, value: string | number | null) => {
      if (typeof value !== 'number') return value ?? '—';
      if (key === 'hhi') return formatValue('hhi', value, locale);
      if (key === 'cr4') return formatValue('percent', value, locale);
      if (key === 'total') return formatValue(valueKind, value, locale);
      return formatNumber(value, locale, 0);
    },
  };
}

export function HhiSeriesChart({ points, guidelines, intervalLabel, guidelinesLabel, valueKind, locale, source, milestones }: SeriesProps) {
  const t = translator(locale);
  const series: LineSeries[] = [{ key: 'hhi', label: t('conc.hhi'), color: 'var(--chart-1)', dash: '' }];
  return (
    <LineSeriesChart
      testId="chart-hhi-series"
      title={t('conc.hhiSeries.title')}
      units={t('conc.hhiSeries.units', { interval: intervalLabel, guidelines: guidelinesLabel })}
      source={source}
      locale={locale}
      data={seriesData(points, 'hhi')}
      categoryKey="period"
      series={series}
      axis="hhi"
      domain={hhiDomain(points.map((p) => p.hhi), guidelines)}
      bands={shadedBands(guidelines, locale)}
      milestones={milestones}
      empty={points.length ? null : t('conc.series.empty')}
      table={seriesTable(points, locale, valueKind)}
    />
  );
}

export function Cr4SeriesChart({ points, intervalLabel, valueKind, locale, source, milestones }: Omit<SeriesProps, 'guidelines' | 'guidelinesLabel'>) {
  const t = translator(locale);
  return (
    <LineSeriesChart
      testId="chart-cr4-series"
      title={t('conc.cr4Series.title')}
      units={t('conc.cr4Series.units', { interval: intervalLabel })}
      source={source}
      locale={locale}
      data={seriesData(points, 'cr4')}
      categoryKey="period"
      series={[{ key: 'cr4', label: t('conc.cr4'), color: 'var(--chart-3)', dash: '' }]}
      axis="percent"
      domain={[0, 100]}
      milestones={milestones}
      empty={points.length ? null : t('conc.series.empty')}
      table={seriesTable(points, locale, valueKind)}
    />
  );
}
