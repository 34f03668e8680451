'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Locale } from '@/lib/i18n';
import { formatValue, type ValueKind } from './format';
import { markerLines, type PlotMarker } from './MarkerLines';

export interface StackedBarPlotProps {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: { key: string; label: string; color: string; fill: string }[];
  axis: ValueKind;
  stacked: boolean;
  locale: Locale;
  markers: PlotMarker[];
}

/** The recharts part of StackedBarChart, loaded on demand (see LazyPlot.tsx). */
export default function StackedBarPlot({ data, categoryKey, series, axis, stacked, locale, markers }: StackedBarPlotProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey={categoryKey} tick={{ fontSize: 11 }} />
        <YAxis width={72} tickFormatter={(v: number) => formatValue(axis, v, locale)} />
        <Tooltip formatter={(v) => formatValue(axis, Number(v), locale)} cursor={{ fill: 'var(--panel-2)' }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId={stacked ? 'stack' : undefined} fill={s.fill} stroke={s.color} strokeWidth={1} isAnimationActive={false} />
        ))}
        {markerLines(markers)}
      </BarChart>
    </ResponsiveContainer>
  );
}
