'use client';

import dynamic from 'next/dynamic';
import { useId } from 'react';
import { ChartFrame, type ChartFrameProps } from './ChartFrame';
import type { ValueKind } from './format';
import { PlotPlaceholder, WhenVisible } from './LazyPlot';
import { Pattern, patternId, type PatternKind } from './patterns';
import type { Milestone } from '@/lib/events/markers';
import { chartMilestones, MilestoneNote, withMilestoneColumn } from './milestones';

const StackedBarPlot = dynamic(() => import('./StackedBarPlot'), { ssr: false, loading: PlotPlaceholder });

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  /** Texture, so the series differ without colour too; none = solid. */
  pattern?: PatternKind;
}

type Props = Omit<ChartFrameProps, 'children' | 'patterns' | 'legend' | 'notes'> & {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: BarSeries[];
  axis: ValueKind;
  /** Stack the series (parts of a whole) or put them side by side (comparison). */
  stacked?: boolean;
  /** Milestones to mark at their periods (null: the view shows none). */
  milestones?: Milestone[] | null;
};

/** Vertical bars per category: stacked by series or grouped side by side. */
export function StackedBarChart({ data, categoryKey, series, axis, stacked = true, milestones, table, ...frame }: Props) {
  const chartId = useId();
  const found = chartMilestones(milestones, data.map((d) => String(d[categoryKey])), frame.locale, typeof frame.height === 'number' ? frame.height : undefined);
  const fillOf = (s: BarSeries) => (s.pattern ? `url(#${patternId(chartId, s.key)})` : s.color);
  const legend = series.map((s) => ({ label: s.label, color: s.color, ...(s.pattern ? { pattern: patternId(chartId, s.key) } : {}) }));
  const patterns = series.filter((s) => s.pattern).map((s) => <Pattern key={s.key} id={patternId(chartId, s.key)} kind={s.pattern ?? 'hatch'} color={s.color} />);
  return (
    <ChartFrame {...frame} table={withMilestoneColumn(table, categoryKey, found, frame.locale)} legend={legend} patterns={patterns} notes={<MilestoneNote found={found} locale={frame.locale} />}>
      <WhenVisible>
        <StackedBarPlot
          data={data}
          categoryKey={categoryKey}
          series={series.map((s) => ({ key: s.key, label: s.label, color: s.color, fill: fillOf(s) }))}
          axis={axis}
          stacked={stacked}
          locale={frame.locale}
          markers={found?.markers ?? []}
        />
      </WhenVisible>
    </ChartFrame>
  );
}
