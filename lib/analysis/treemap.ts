// The squarified treemap of Bruls, Huizing and van Wijk (2000): rectangles whose areas are proportional to
// their values, laid out in rows along the shorter side so that each row keeps its cells as square as it can.
// Pure functions, no DOM: the market map computes its cells on the server and draws them as SVG.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Weighted {
  key: string;
  value: number;
}

export type Cell<T extends Weighted> = Rect & { item: T };

/** The worst aspect ratio (≥ 1) of a row of areas laid along a side of length `side`. */
function worst(sum: number, min: number, max: number, side: number): number {
  const s2 = sum * sum;
  const w2 = side * side;
  return Math.max((w2 * max) / s2, s2 / (w2 * min));
}

/**
 * Cells for the items with a positive value, largest first (ties in the given order), filling `rect` exactly.
 * Items whose value is zero, negative or not finite get no cell.
 */
export function squarify<T extends Weighted>(items: readonly T[], rect: Rect): Cell<T>[] {
  const kept = items.map((item, i) => ({ item, i })).filter(({ item }) => Number.isFinite(item.value) && item.value > 0);
  kept.sort((a, b) => b.item.value - a.item.value || a.i - b.i);
  const total = kept.reduce((s, { item }) => s + item.value, 0);
  if (!kept.length || rect.w <= 0 || rect.h <= 0) return [];
  const scale = (rect.w * rect.h) / total;
  const areas = kept.map(({ item }) => item.value * scale);
  const cells: Cell<T>[] = [];
  let { x, y, w, h } = rect;
  let i = 0;
  while (i < kept.length) {
    const side = Math.min(w, h);
    let end = i + 1;
    let sum = areas[i];
    let min = areas[i];
    let max = areas[i];
    while (end < kept.length) {
      const a = areas[end];
      if (worst(sum + a, Math.min(min, a), Math.max(max, a), side) > worst(sum, min, max, side)) break;
      sum += a;
      min = Math.min(min, a);
      max = Math.max(max, a);
      end += 1;
    }
    const last = end === kept.length;
    if (w >= h) {
      // A column at the left, as wide as the row's area needs; the last row takes what is left exactly.
      const thickness = last ? w : sum / h;
      let top = y;
      for (let k = i; k < end; k++) {
        const height = k === end - 1 ? y + h - top : areas[k] / thickness;
        cells.push({ item: kept[k].item, x, y: top, w: thickness, h: height });
        top += height;
      }
      x += thickness;
      w -= thickness;
    } else {
      const thickness = last ? h : sum / w;
      let left = x;
      for (let k = i; k < end; k++) {
        const width = k === end - 1 ? x + w - left : areas[k] / thickness;
        cells.push({ item: kept[k].item, x: left, y, w: width, h: thickness });
        left += width;
      }
      y += thickness;
      h -= thickness;
    }
    i = end;
  }
  return cells;
}

/** A rectangle shrunk by `by` on every side (never below zero size). */
export function inset(rect: Rect, by: number): Rect {
  const w = Math.max(0, rect.w - 2 * by);
  const h = Math.max(0, rect.h - 2 * by);
  return { x: rect.x + (rect.w - w) / 2, y: rect.y + (rect.h - h) / 2, w, h };
}

export interface Group<C extends Weighted> extends Weighted {
  children: readonly C[];
}

export type ChildOf<G extends Group<Weighted>> = G['children'][number];

export interface PlacedGroup<G extends Group<Weighted>> extends Cell<G> {
  /** Where the group's name is written, or null when the cell is too small for it. */
  header: Rect | null;
  children: Cell<ChildOf<G>>[];
}

/**
 * Two levels: the groups share `rect` by value, then each group's children share the group's cell, inside a
 * `gap` and below a header strip of `header` pixels (left out when the cell is lower than `minHeaderCell`).
 */
export function nestedTreemap<G extends Group<Weighted>>(
  groups: readonly G[],
  rect: Rect,
  options: { gap: number; header: number; minHeaderCell: number },
): PlacedGroup<G>[] {
  return squarify(groups, rect).map((cell) => {
    const inner = inset(cell, options.gap);
    const hasHeader = inner.h >= options.minHeaderCell && inner.w >= options.minHeaderCell;
    const header = hasHeader ? { x: inner.x, y: inner.y, w: inner.w, h: options.header } : null;
    const body = hasHeader ? { x: inner.x, y: inner.y + options.header, w: inner.w, h: inner.h - options.header } : inner;
    return { ...cell, header, children: squarify<ChildOf<G>>(cell.item.children, body) };
  });
}
