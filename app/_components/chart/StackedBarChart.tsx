'use client';

import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, type ChartFrameProps } from './ChartFrame';
import { formatValue, type ValueKind } from './format';
import { Pattern, patternId, type PatternKind } from './patterns';

export interface BarSeries {
  key: string;
  label: string;
  color: string;
  /** Texture, so the series differ without colour too; none = solid. */
  pattern?: PatternKind;
}

type Props = Omit<ChartFrameProps, 'children' | 'patterns' | 'legend'> & {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: BarSeries[];
  axis: ValueKind;
  /** Stack the series (parts of a whole) or put them side by side (comparison). */
  stacked?: boolean;
};

/** Vertical bars per category: stacked by series or grouped side by side. */
export function StackedBarChart({ data, categoryKey, series, axis, stacked = true, ...frame }: Props) {
  const chartId = useId();
  const fillOf = (s: BarSeries) => (s.pattern ? `url(#${patternId(chartId, s.key)})` : s.color);
  const legend = series.map((s) => ({ label: s.label, color: s.color, ...(s.pattern ? { pattern: patternId(chartId, s.key) } : {}) }));
  const patterns = series.filter((s) => s.pattern).map((s) => <Pattern key={s.key} id={patternId(chartId, s.key)} kind={s.pattern ?? 'hatch'} color={s.color} />);
  return (
    <ChartFrame {...frame} legend={legend} patterns={patterns}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey={categoryKey} tick={{ fontSize: 11 }} />
          <YAxis width={72} tickFormatter={(v: number) => formatValue(axis, v, frame.locale)} />
          <Tooltip formatter={(v) => formatValue(axis, Number(v), frame.locale)} cursor={{ fill: 'var(--panel-2)' }} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId={stacked ? 'stack' : undefined} fill={fillOf(s)} stroke={s.color} strokeWidth={1} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
