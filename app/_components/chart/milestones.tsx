'use client';

import { placeMilestones, markerLabel, milestoneTitle, type Milestone, type Placement } from '@/lib/events/markers';
import { translator, type Locale } from '@/lib/i18n';
import type { ChartTable } from './ChartFrame';
import type { PlotMarker } from './MarkerLines';

// Milestones on a time chart, the part drawn without the plot: where they go on the axis, the line under the
// chart that counts them, and a column of the chart's table alternative naming them per period.

export interface ChartMilestones {
  placement: Placement;
  markers: PlotMarker[];
}

/**
 * The markers of a chart whose axis shows `periods`; null when the view shows no milestones. A label runs down
 * from the top of the plot along its line, so the plot's height (the frame's, less axis and margins) bounds it.
 */
export function chartMilestones(milestones: readonly Milestone[] | null | undefined, periods: readonly string[], locale: Locale, height = 280): ChartMilestones | null {
  if (!milestones) return null;
  const placement = placeMilestones(milestones, periods);
  const room = Math.max(12, Math.floor((height - 70) / 5.6));
  const markers = placement.markers.map((marker) => ({
    period: marker.period,
    label: markerLabel(marker, locale, room),
    title: marker.milestones.map((m) => `${m.date} · ${milestoneTitle(m, locale)}`).join('\n'),
  }));
  return { placement, markers };
}

/** The chart's table alternative with a column listing each period's milestones. */
export function withMilestoneColumn(table: ChartTable, categoryKey: string, found: ChartMilestones | null, locale: Locale): ChartTable {
  if (!found) return table;
  const byPeriod = new Map(found.placement.markers.map((m) => [m.period, m.milestones.map((x) => milestoneTitle(x, locale)).join('; ')]));
  return {
    ...table,
    columns: [...table.columns, { key: 'milestones', label: translator(locale)('ms.column') }],
    rows: table.rows.map((row) => ({ ...row, milestones: byPeriod.get(String(row[categoryKey])) ?? null })),
  };
}

/** "12 milestones marked · 2 outside this chart's periods": under a chart that shows them. */
export function MilestoneNote({ found, locale }: { found: ChartMilestones | null; locale: Locale }) {
  if (!found) return null;
  const t = translator(locale);
  const { markers, outside, unplaced } = found.placement;
  const marked = markers.reduce((n, m) => n + m.milestones.length, 0);
  const parts = [t('ms.note', { n: marked }), ...(outside ? [t('ms.note.outside', { n: outside })] : []), ...(unplaced ? [t('ms.note.unplaced', { n: unplaced })] : [])];
  return (
    <p className="chart-milestones" data-testid="chart-milestones" data-marked={marked}>
      <span className="chart-milestones-mark" aria-hidden="true">┆</span> {parts.join(' · ')}
    </p>
  );
}
