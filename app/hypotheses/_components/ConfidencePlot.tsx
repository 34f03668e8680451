'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ConfidencePlotProps {
  /** One point per change of the hypothesis: its number, time and the confidence after it. */
  data: { step: string; at: string; confidence: number | null }[];
  seriesLabel: string;
}

/** The recharts part of ConfidenceChart, loaded on demand (see app/_components/chart/LazyPlot.tsx). */
export default function ConfidencePlot({ data, seriesLabel }: ConfidencePlotProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="step" tick={{ fontSize: 11 }} />
        <YAxis width={40} domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} />
        <Tooltip labelFormatter={(_l, payload) => String(payload?.[0]?.payload?.at ?? '')} />
        <Line dataKey="confidence" name={seriesLabel} type="stepAfter" stroke="var(--chart-1)" strokeWidth={2.25} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
