'use client';

import { ReferenceLine } from 'recharts';

// The milestone markers of a plot (the recharts half, loaded with the plot): a dashed vertical line at the
// marker's period, with its label written along the line from the top, on a halo so that it reads over bars.

export interface PlotMarker {
  period: string;
  /** Drawn beside the line (shortened). */
  label: string;
  /** Every milestone of the period, for the tooltip. */
  title: string;
}

interface LabelViewBox {
  x?: number;
  y?: number;
}

function MarkerText({ viewBox, marker }: { viewBox?: LabelViewBox; marker: PlotMarker }) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) + 4;
  return (
    <g className="chart-marker" data-testid="chart-marker" data-period={marker.period}>
      <title>{marker.title}</title>
      <text x={x} y={y} dy={11} transform={`rotate(-90 ${x} ${y})`} textAnchor="end" fontSize={10} fill="var(--text)" stroke="var(--panel)" strokeWidth={3} paintOrder="stroke">
        {marker.label}
      </text>
    </g>
  );
}

/** Reference lines for a category axis (a function, not a component: recharts reads its children's types). */
export function markerLines(markers: readonly PlotMarker[]) {
  return markers.map((marker) => (
    <ReferenceLine
      key={`marker-${marker.period}`}
      x={marker.period}
      stroke="var(--chart-4)"
      strokeDasharray="4 3"
      strokeWidth={1.25}
      ifOverflow="visible"
      label={(props: { viewBox?: LabelViewBox }) => <MarkerText viewBox={props.viewBox} marker={marker} />}
    />
  ));
}
