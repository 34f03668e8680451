'use client';

import dynamic from 'next/dynamic';
import { ChartFrame, type ChartFrameProps } from './ChartFrame';
import type { ValueKind } from './format';
import { PlotPlaceholder, WhenVisible } from './LazyPlot';
import type { Milestone } from '@/lib/events/markers';
import { chartMilestones, MilestoneNote, withMilestoneColumn } from './milestones';

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

type Props = Omit<ChartFrameProps, 'children' | 'legend' | 'notes'> & {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: LineSeries[];
  axis: ValueKind;
  domain: [number, number];
  bands?: ShadedBand[];
  /** Milestones to mark at their periods (null: the view shows none). */
  milestones?: Milestone[] | null;
};

/** Values over periods, optionally over shaded bands (the HHI thresholds of the merger guidelines). */
export function LineSeriesChart({ data, categoryKey, series, axis, domain, bands = [], milestones, table, ...frame }: Props) {
  const found = chartMilestones(milestones, data.map((d) => String(d[categoryKey])), frame.locale, typeof frame.height === 'number' ? frame.height : undefined);
  // Bands are named in the legend (with their thresholds) rather than on the plot, where labels collide with points.
  const legend = [
    ...series.map((s) => ({ label: s.label, color: s.color, dash: s.dash })),
    ...bands.map((b) => ({ label: b.label, color: b.fill, stroke: 'var(--muted)' })),
  ];
  return (
    <ChartFrame {...frame} table={withMilestoneColumn(table, categoryKey, found, frame.locale)} legend={legend} notes={<MilestoneNote found={found} locale={frame.locale} />}>
      <WhenVisible>
        <LineSeriesPlot data={data} categoryKey={categoryKey} series={series} axis={axis} domain={domain} bands={bands} locale={frame.locale} markers={found?.markers ?? []} />
      </WhenVisible>
    </ChartFrame>
  );
}
