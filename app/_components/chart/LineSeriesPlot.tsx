'use client';

import { CartesianGrid, LabelList, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type LabelProps } from 'recharts';
import type { Locale } from '@/lib/i18n';
import { formatValue, type ValueKind } from './format';
import type { LineSeries, ShadedBand } from './LineSeriesChart';
import { markerLines, type PlotMarker } from './MarkerLines';

export interface LineSeriesPlotProps {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: LineSeries[];
  axis: ValueKind;
  domain: [number, number];
  bands: ShadedBand[];
  locale: Locale;
  markers: PlotMarker[];
}

interface DotProps {
  cx?: number;
  cy?: number;
  stroke?: string;
  index?: number;
}

/** Circles for the first series, squares for the second, diamonds after: shape tells them apart too. */
function dot(shape: number) {
  function Dot({ cx, cy, stroke, index }: DotProps) {
    if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g key={index} />;
    if (shape === 0) return <circle key={index} cx={cx} cy={cy} r={3.5} fill="var(--panel)" stroke={stroke} strokeWidth={2} />;
    if (shape === 1) return <rect key={index} x={cx - 3.5} y={cy - 3.5} width={7} height={7} fill={stroke} />;
    return <path key={index} d={`M${cx} ${cy - 4.5}L${cx + 4.5} ${cy}L${cx} ${cy + 4.5}L${cx - 4.5} ${cy}Z`} fill={stroke} />;
  }
  return Dot;
}

/** The recharts part of LineSeriesChart, loaded on demand (see LazyPlot.tsx). */
export default function LineSeriesPlot({ data, categoryKey, series, axis, domain, bands, locale, markers }: LineSeriesPlotProps) {
  const labelled = data.length <= 12;
  /** A value's label goes above its point, or below when another series is higher there (and there is room). */
  const pointLabel = (props: LabelProps, key: string) => {
    const { x, y, index, value } = props;
    if (value === null || value === undefined || index === undefined || x === undefined || y === undefined) return <g />;
    const mine = Number(value);
    const row = data[index] ?? {};
    const higher = series.some((o) => o.key !== key && typeof row[o.key] === 'number' && Number(row[o.key]) > mine);
    const room = (mine - domain[0]) / (domain[1] - domain[0]) > 0.14;
    const below = higher && room;
    return (
      <text x={Number(x)} y={Number(y) + (below ? 17 : -9)} textAnchor="middle" className="chart-label" fill="var(--text)" fontSize={11}>
        {formatValue(axis, mine, locale)}
      </text>
    );
  };
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 18, right: 24, bottom: 4, left: 8 }}>
        {bands.map((b) => (
          <ReferenceArea
            key={b.label}
            y1={Math.max(domain[0], b.from)}
            y2={Math.min(domain[1], b.to)}
            fill={b.fill}
            fillOpacity={1}
            ifOverflow="hidden"
          />
        ))}
        <CartesianGrid vertical={false} />
        <XAxis dataKey={categoryKey} tick={{ fontSize: 11 }} padding={{ left: 16, right: 16 }} />
        <YAxis width={56} domain={domain} allowDataOverflow tickFormatter={(v: number) => formatValue(axis, v, locale)} />
        <Tooltip formatter={(v) => formatValue(axis, Number(v), locale)} />
        {markerLines(markers)}
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2.25}
            strokeDasharray={s.dash || undefined}
            dot={dot(i)}
            connectNulls
            isAnimationActive={false}
            type="linear"
          >
            {labelled ? <LabelList dataKey={s.key} content={(props) => pointLabel(props, s.key)} /> : null}
          </Line>
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
