'use client';

import dynamic from 'next/dynamic';
import { useId } from 'react';
import { ChartFrame, type ChartFrameProps } from './ChartFrame';
import { labelWidth, type ValueKind } from './format';
import { PlotPlaceholder, WhenVisible } from './LazyPlot';
import { Pattern, patternId } from './patterns';

const HBarPlot = dynamic(() => import('./HBarPlot'), { ssr: false, loading: PlotPlaceholder });

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
      <WhenVisible>
        <HBarPlot data={data} axis={axis} max={max} locale={frame.locale} title={frame.title} labelWidth={width} muted={muted} />
      </WhenVisible>
    </ChartFrame>
  );
}
