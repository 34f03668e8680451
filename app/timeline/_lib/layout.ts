// The geometry of /timeline's axis, drawn on the server as SVG: a linear time scale from the first year to the
// last, milestone labels stacked in lanes so that none overlaps another or a lower label's leader line, and the
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
  x: (day: number) => number;
}

/** A scale over whole years, wide enough that a year gets `perYear` pixels (within `min`–`max` in all). */
export function timeScale(firstYear: number, lastYear: number, options: { left: number; right: number; perYear?: number; min?: number; max?: number }): Scale {
  const { left, right, perYear = 92, min = 960, max = 2200 } = options;
  const years = lastYear - firstYear + 1;
  const width = Math.min(max, Math.max(min, left + right + years * perYear));
  const d0 = Date.UTC(firstYear, 0, 1) / DAY_MS;
  const d1 = Date.UTC(lastYear + 1, 0, 1) / DAY_MS;
  return { startYear: firstYear, endYear: lastYear, width, left, right, x: (day) => left + ((day - d0) / (d1 - d0)) * (width - left - right) };
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
 * Lanes for labels at increasing x: each takes the lowest lane where it overlaps no label, and where no label
 * in a lower lane covers its x (its leader line runs down through those lanes to the axis).
 */
export function placeLabels(items: readonly { x: number; width: number }[], rightEdge: number): PlacedLabel[] {
  const lanes: [number, number][][] = [];
  const free = (lane: number, from: number, to: number) => (lanes[lane] ?? []).every(([a, b]) => to + GAP <= a || from >= b + GAP);
  const covers = (lane: number, x: number) => (lanes[lane] ?? []).some(([a, b]) => x >= a - 2 && x <= b + 2);
  return items.map(({ x, width }) => {
    const anchor = x + GAP + width > rightEdge ? 'end' : 'start';
    const from = anchor === 'start' ? x : x - GAP - width;
    const to = anchor === 'start' ? x + GAP + width : x;
    let lane = 0;
    while (!free(lane, from, to) || [...Array(lane).keys()].some((below) => covers(below, x))) lane += 1;
    (lanes[lane] ??= []).push([from, to]);
    return { x, lane, anchor, from, to };
  });
}
