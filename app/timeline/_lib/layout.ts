// The geometry of /timeline's axis, drawn on the server as SVG: a time scale from the first year to the last
// on which a year with many milestones is drawn wider than a quiet one, milestone labels stacked in lanes so that none overlaps another, and the
// quarters' funding bars beneath on the same scale. Pure.

export const LANE_HEIGHT = 17;
export const LABEL_FONT_PX = 11;
const GAP = 6;

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of an ISO date (UTC arithmetic: no time zone can shift the day). */
export const dayOf = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1) / DAY_MS;
};

/** The first and last day of the span a date stands for at its precision (2022-04-01 as "month": all of April). */
export function spanOf(date: string, precision: string | null): [number, number] {
  const [y, m] = date.split('-').map(Number);
  const start = dayOf(date);
  if (precision === 'year') return [start, Date.UTC(y + 1, 0, 1) / DAY_MS - 1];
  if (precision === 'quarter') return [start, Date.UTC(y, m - 1 + 3, 1) / DAY_MS - 1];
  if (precision === 'month') return [start, Date.UTC(y, m, 1) / DAY_MS - 1];
  return [start, start];
}

/** The first day of a quarter label (`2023-Q2` → 2023-04-01) and the day after it ends. */
export function quarterSpan(period: string): [number, number] {
  const [, y, q] = /^(\d{4})-Q([1-4])$/.exec(period) ?? ['', '1970', '1'];
  const month = (Number(q) - 1) * 3;
  return [Date.UTC(Number(y), month, 1) / DAY_MS, Date.UTC(Number(y), month + 3, 1) / DAY_MS];
}

export interface Scale {
  startYear: number;
  endYear: number;
  width: number;
  left: number;
  right: number;
  /** Where each year starts and how wide it is, first year first. */
  years: { year: number; x: number; width: number }[];
  x: (day: number) => number;
}

/**
 * A scale over whole years, each year as wide as its weight's share of the drawing (equal weights: a linear
 * scale). Within a year it is linear, so the quarters of a year are equally wide.
 */
export function timeScale(firstYear: number, lastYear: number, options: { left: number; right: number; width: number; weightOf?: (year: number) => number }): Scale {
  const { left, right, width, weightOf = () => 1 } = options;
  const weights = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => Math.max(0, weightOf(firstYear + i)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let at = left;
  const years = weights.map((weight, i) => {
    const span = ((width - left - right) * weight) / total;
    const year = { year: firstYear + i, x: at, width: span };
    at += span;
    return year;
  });
  const x = (day: number) => {
    const year = new Date(day * DAY_MS).getUTCFullYear();
    if (year < firstYear) return left;
    if (year > lastYear) return width - right;
    const start = Date.UTC(year, 0, 1) / DAY_MS;
    const end = Date.UTC(year + 1, 0, 1) / DAY_MS;
    const { x: from, width: span } = years[year - firstYear];
    return from + ((day - start) / (end - start)) * span;
  };
  return { startYear: firstYear, endYear: lastYear, width, left, right, years, x };
}

/** Rough drawn width of a label (CJK characters about twice as wide as Latin ones). */
export const textWidth = (text: string, px = LABEL_FONT_PX): number => [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? px : px * 0.58), 0);

export interface PlacedLabel {
  /** The marker's x; the label starts just right of it, or ends just left of it at the right edge. */
  x: number;
  lane: number;
  anchor: 'start' | 'end';
  from: number;
  to: number;
}

/**
 * Lanes for labels at increasing x: each takes the lowest lane where it overlaps no other label. A leader line
 * from a higher lane may pass behind a lower label; the axis draws leaders first and labels on a halo over them.
 */
export function placeLabels(items: readonly { x: number; width: number }[], rightEdge: number): PlacedLabel[] {
  const lanes: [number, number][][] = [];
  const free = (lane: number, from: number, to: number) => (lanes[lane] ?? []).every(([a, b]) => to + GAP <= a || from >= b + GAP);
  return items.map(({ x, width }) => {
    const anchor = x + GAP + width > rightEdge ? 'end' : 'start';
    const from = anchor === 'start' ? x : x - GAP - width;
    const to = anchor === 'start' ? x + GAP + width : x;
    let lane = 0;
    while (!free(lane, from, to)) lane += 1;
    (lanes[lane] ??= []).push([from, to]);
    return { x, lane, anchor, from, to };
  });
}
