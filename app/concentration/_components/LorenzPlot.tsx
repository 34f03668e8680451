'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface LorenzPlotProps {
  /** Points in percent: share of firms (x) against share of the total (y). */
  data: { x: number; y: number }[];
  /** Formats a percentage for ticks and the tooltip. */
  pct: (value: number) => string;
  firmsLabel: string;
  curveLabel: string;
}

/** The recharts part of LorenzChart, loaded on demand (see app/_components/chart/LazyPlot.tsx). */
export default function LorenzPlot({ data, pct, firmsLabel, curveLabel }: LorenzPlotProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 10, right: 20, bottom: 18, left: 8 }}>
        <CartesianGrid />
        <XAxis type="number" dataKey="x" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={pct} label={{ value: firmsLabel, position: 'insideBottom', offset: -10 }} />
        <YAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={pct} width={48} />
        <Tooltip formatter={(v) => pct(Number(v))} labelFormatter={(v) => `${firmsLabel}: ${pct(Number(v))}`} />
        <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 100, y: 100 }]} stroke="var(--chart-5)" strokeDasharray="5 4" />
        <Line dataKey="y" name={curveLabel} stroke="var(--chart-1)" strokeWidth={2.25} dot={data.length <= 30} type="linear" isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
