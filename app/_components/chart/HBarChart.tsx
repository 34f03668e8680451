'use client';

import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, type ChartFrameProps } from './ChartFrame';
import { formatValue, labelWidth, type ValueKind } from './format';
import { Pattern, patternId } from './patterns';

export interface HBarDatum {
  id: string;
  label: string;
  value: number;
  /** The label printed at the end of the bar. */
  display: string;
  /** Grouped or unattributed rows: drawn hatched and grey, not as a firm. */
  muted?: boolean;
}

type Props = Omit<ChartFrameProps, 'children' | 'patterns' | 'height'> & { data: HBarDatum[]; axis: ValueKind; max?: number };

/** Horizontal bars with their value printed at the end (ranked lists: shares, top funded). */
export function HBarChart({ data, axis, max, ...frame }: Props) {
  const muted = patternId(useId(), 'muted');
  const width = labelWidth(data.map((d) => d.label));
  const height = Math.max(120, data.length * 30 + 36);
  return (
    <ChartFrame {...frame} height={height} patterns={<Pattern id={muted} kind="hatch" color="var(--chart-5)" />}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 64, bottom: 4, left: 4 }} barCategoryGap={6}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" dataKey="value" domain={[0, max ?? 'auto']} tickFormatter={(v: number) => formatValue(axis, v, frame.locale)} />
          <YAxis type="category" dataKey="label" width={width} interval={0} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(_v, _n, item) => [(item.payload as HBarDatum).display, frame.title]} cursor={{ fill: 'var(--panel-2)' }} />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.id} fill={d.muted ? `url(#${muted})` : 'var(--chart-1)'} stroke={d.muted ? 'var(--chart-5)' : undefined} />
            ))}
            <LabelList dataKey="display" position="right" className="chart-label" fill="var(--text)" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
