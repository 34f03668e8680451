'use client';

import dynamic from 'next/dynamic';
import { ChartFrame, type ChartFrameProps } from './ChartFrame';
import type { ValueKind } from './format';
import { PlotPlaceholder, WhenVisible } from './LazyPlot';

const LineSeriesPlot = dynamic(() => import('./LineSeriesPlot'), { ssr: false, loading: PlotPlaceholder });

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  /** stroke-dasharray; '' = solid. Each series of a chart gets its own. */
  dash: string;
}

export interface ShadedBand {
  from: number;
  to: number;
  label: string;
  fill: string;
}

type Props = Omit<ChartFrameProps, 'children' | 'legend'> & {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: LineSeries[];
  axis: ValueKind;
  domain: [number, number];
  bands?: ShadedBand[];
};

/** Values over periods, optionally over shaded bands (the HHI thresholds of the merger guidelines). */
export function LineSeriesChart({ data, categoryKey, series, axis, domain, bands = [], ...frame }: Props) {
  // Bands are named in the legend (with their thresholds) rather than on the plot, where labels collide with points.
  const legend = [
    ...series.map((s) => ({ label: s.label, color: s.color, dash: s.dash })),
    ...bands.map((b) => ({ label: b.label, color: b.fill, stroke: 'var(--muted)' })),
  ];
  return (
    <ChartFrame {...frame} legend={legend}>
      <WhenVisible>
        <LineSeriesPlot data={data} categoryKey={categoryKey} series={series} axis={axis} domain={domain} bands={bands} locale={frame.locale} />
      </WhenVisible>
    </ChartFrame>
  );
}
