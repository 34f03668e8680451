import type { Locale } from '../collections/types';

// Milestones as markers on a time chart: each goes to the period of the chart's axis that holds its date (a
// year, a quarter or a month, whichever the axis counts in). Pure, and free of zod: client charts import it.

/** What a chart needs of a milestone (a row of the events collection). */
export interface Milestone {
  id: string;
  date: string;
  /** day | month | quarter | year; null is read as day. */
  date_precision: string | null;
  title: string;
  title_zh: string | null;
  kind: string;
}

export type AxisInterval = 'year' | 'quarter' | 'month';

const PATTERNS: [AxisInterval, RegExp][] = [
  ['year', /^\d{4}$/],
  ['quarter', /^\d{4}-Q[1-4]$/],
  ['month', /^\d{4}-(0[1-9]|1[0-2])$/],
];

/** The interval an axis counts in, read off its period labels; null when they are mixed or of another form. */
export function axisIntervalOf(periods: readonly string[]): AxisInterval | null {
  if (periods.length === 0) return null;
  return PATTERNS.find(([, pattern]) => periods.every((p) => pattern.test(p)))?.[0] ?? null;
}

/** How coarse a precision is, and the coarsest one each interval can place (a year-precise date has no quarter). */
const COARSENESS: Record<string, number> = { day: 0, month: 1, quarter: 2, year: 3 };
const FINEST_NEEDED: Record<AxisInterval, number> = { month: 1, quarter: 2, year: 3 };

/** The period of an axis in `interval` that holds the milestone's date, or null when its date is too coarse for it. */
export function bucketOf(milestone: Pick<Milestone, 'date' | 'date_precision'>, interval: AxisInterval): string | null {
  const coarseness = COARSENESS[milestone.date_precision ?? 'day'] ?? 0;
  if (coarseness > FINEST_NEEDED[interval]) return null;
  const year = milestone.date.slice(0, 4);
  if (interval === 'year') return year;
  if (interval === 'month') return milestone.date.slice(0, 7);
  return `${year}-Q${Math.floor((Number(milestone.date.slice(5, 7)) - 1) / 3) + 1}`;
}

export interface Marker {
  period: string;
  /** In date order. */
  milestones: Milestone[];
}

export interface Placement {
  markers: Marker[];
  /** Milestones whose period is not on the axis (before its first period or after its last). */
  outside: number;
  /** Milestones whose date is coarser than the axis (a year-precise date on a quarterly chart). */
  unplaced: number;
}

const byDate = (a: Milestone, b: Milestone) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id);

/** The markers of a chart whose category axis shows `periods` (in order), one per period that holds milestones. */
export function placeMilestones(milestones: readonly Milestone[], periods: readonly string[]): Placement {
  const interval = axisIntervalOf(periods);
  if (interval === null) return { markers: [], outside: 0, unplaced: milestones.length };
  const onAxis = new Set(periods);
  const byPeriod = new Map<string, Milestone[]>();
  let outside = 0;
  let unplaced = 0;
  for (const milestone of [...milestones].sort(byDate)) {
    const period = bucketOf(milestone, interval);
    if (period === null) unplaced += 1;
    else if (!onAxis.has(period)) outside += 1;
    else byPeriod.set(period, [...(byPeriod.get(period) ?? []), milestone]);
  }
  const markers = periods.filter((p) => byPeriod.has(p)).map((period) => ({ period, milestones: byPeriod.get(period) ?? [] }));
  return { markers, outside, unplaced };
}

/** A milestone's title in the reader's language (the English one when it has no Chinese title). */
export const milestoneTitle = (milestone: Pick<Milestone, 'title' | 'title_zh'>, locale: Locale): string =>
  (locale === 'zh' && milestone.title_zh) || milestone.title;

/** Width of text in half-width units: a CJK character takes two, as it is drawn about twice as wide. */
const units = (c: string) => (c.charCodeAt(0) > 0x2e80 ? 2 : 1);

/** The label drawn beside a marker: its first milestone, and how many more share the period; at most `room` units wide. */
export function markerLabel(marker: Marker, locale: Locale, room = 34): string {
  const first = milestoneTitle(marker.milestones[0], locale);
  const more = marker.milestones.length > 1 ? ` +${marker.milestones.length - 1}` : '';
  const budget = room - more.length;
  const chars = [...first];
  if (chars.reduce((w, c) => w + units(c), 0) <= budget) return `${first}${more}`;
  let used = 1; // the ellipsis
  let kept = '';
  for (const c of chars) {
    if (used + units(c) > budget) break;
    used += units(c);
    kept += c;
  }
  return `${kept}…${more}`;
}
