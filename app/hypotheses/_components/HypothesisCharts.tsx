'use client';

import dynamic from 'next/dynamic';
import { ChartFrame } from '../../_components/chart/ChartFrame';
import { formatValue, type ValueKind } from '../../_components/chart/format';
import { PlotPlaceholder, WhenVisible } from '../../_components/chart/LazyPlot';
import { LineSeriesChart } from '../../_components/chart/LineSeriesChart';
import { translator, type Locale } from '@/lib/i18n';
import { metricKind } from './metric';
import type { Milestone } from '@/lib/events/markers';

const ConfidencePlot = dynamic(() => import('./ConfidencePlot'), { ssr: false, loading: PlotPlaceholder });

function domainOf(kind: ValueKind, values: number[]): [number, number] {
  if (kind === 'hhi') return [0, 10_000];
  if (kind === 'percent') return [0, 100];
  const max = Math.max(1, ...values);
  return [0, Math.ceil(max * 1.2)];
}

interface TrendProps {
  locale: Locale;
  title: string;
  source: string;
  metric: string;
  metricLabel: string;
  threshold: number | null;
  points: { period: string; value: number | null; n: number; met: boolean | null }[];
  /** Milestones to mark at their periods (null: none). */
  milestones?: Milestone[] | null;
}

/** The indicator's metric per year, with the threshold as a dashed line; the table lists whether each year meets it. */
export function IndicatorTrendChart({ locale, title, source, metric, metricLabel, threshold, points, milestones }: TrendProps) {
  const t = translator(locale);
  const kind = metricKind(metric);
  const data = points.map((p) => ({ period: p.period, value: p.value, threshold }));
  const series = [
    { key: 'value', label: metricLabel, color: 'var(--chart-1)', dash: '' },
    ...(threshold === null ? [] : [{ key: 'threshold', label: t('hyp.ind.threshold'), color: 'var(--chart-2)', dash: '6 4' }]),
  ];
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value])).concat(threshold === null ? [] : [threshold]);
  return (
    <LineSeriesChart
      locale={locale}
      title={title}
      units={metricLabel}
      source={source}
      data={data}
      categoryKey="period"
      series={series}
      axis={kind}
      domain={domainOf(kind, values)}
      empty={points.length ? null : t('hyp.ind.noTrend')}
      milestones={milestones}
      height={220}
      testId="indicator-trend"
      table={{
        columns: [
          { key: 'period', label: t('hyp.ind.year') },
          { key: 'value', label: metricLabel, numeric: true },
          { key: 'n', label: t('hyp.ind.firms'), numeric: true },
          { key: 'met', label: t('hyp.ind.metColumn') },
        ],
        rows: points.map((p) => ({ period: p.period, value: p.value, n: p.n, met: p.met === null ? null : p.met ? 'yes' : 'no' })),
        format: (key, value) => (key === 'value' ? formatValue(kind, value as number | null, locale) : key === 'met' ? (value === null ? '—' : value === 'yes' ? t('hyp.ind.metYes') : t('hyp.ind.metNo')) : (value ?? '')),
      }}
    />
  );
}

interface ConfidenceProps {
  locale: Locale;
  points: { at: string; confidence: number | null; actor: string }[];
}

/** Confidence after each change of the hypothesis, as steps (each value holds until the next change). */
export function ConfidenceChart({ locale, points }: ConfidenceProps) {
  const t = translator(locale);
  const data = points.map((p, i) => ({ step: `${i + 1}`, at: p.at.slice(0, 16).replace('T', ' '), confidence: p.confidence }));
  const withValue = data.filter((d) => d.confidence !== null);
  return (
    <ChartFrame
      locale={locale}
      title={t('hyp.conf.title')}
      units={t('hyp.conf.units')}
      source={t('hyp.conf.source', { n: points.length })}
      legend={[{ label: t('hyp.conf.series'), color: 'var(--chart-1)', dash: '' }]}
      empty={withValue.length ? null : t('hyp.conf.none')}
      height={180}
      testId="confidence-chart"
      table={{
        columns: [
          { key: 'step', label: '#' },
          { key: 'at', label: t('hyp.conf.at') },
          { key: 'confidence', label: t('hyp.conf.series'), numeric: true },
        ],
        rows: data,
      }}
    >
      <WhenVisible>
        <ConfidencePlot data={data} seriesLabel={t('hyp.conf.series')} />
      </WhenVisible>
    </ChartFrame>
  );
}
