'use client';

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Locale } from '@/lib/i18n';
import { formatValue, type ValueKind } from './format';
import type { HBarDatum } from './HBarChart';

export interface HBarPlotProps {
  data: HBarDatum[];
  axis: ValueKind;
  max?: number;
  locale: Locale;
  title: string;
  labelWidth: number;
  /** Id of the hatch pattern of muted bars. */
  muted: string;
}

/** The recharts part of HBarChart, loaded on demand (see LazyPlot.tsx). */
export default function HBarPlot({ data, axis, max, locale, title, labelWidth, muted }: HBarPlotProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 64, bottom: 4, left: 4 }} barCategoryGap={6}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" dataKey="value" domain={[0, max ?? 'auto']} tickFormatter={(v: number) => formatValue(axis, v, locale)} />
        <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(_v, _n, item) => [(item.payload as HBarDatum).display, title]} cursor={{ fill: 'var(--panel-2)' }} />
        <Bar dataKey="value" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.id} fill={d.muted ? `url(#${muted})` : 'var(--chart-1)'} stroke={d.muted ? 'var(--chart-5)' : undefined} />
          ))}
          <LabelList dataKey="display" position="right" className="chart-label" fill="var(--text)" />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
