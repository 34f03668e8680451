// The board's grid as plain numbers and rules, with no schema code: the layout editor runs these in the browser
// (lib/boards/kinds.ts and validate.ts use the same ones on the server).

export const GRID_COLUMNS = 12;
export const MAX_ROW = 500;
export const MAX_HEIGHT = 24;
export const MAX_TILES = 60;

export interface Placement {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export const overlaps = (a: Placement, b: Placement): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether a tile's place is inside the grid (whole cells, x + w ≤ 12, rows 0-500, height 1-24). */
export const insideGrid = (p: Placement): boolean =>
  [p.x, p.y, p.w, p.h].every(Number.isInteger) && p.x >= 0 && p.w >= 1 && p.x + p.w <= GRID_COLUMNS && p.y >= 0 && p.y <= MAX_ROW && p.h >= 1 && p.h <= MAX_HEIGHT;

/** Why a tile cannot take a place among the others: outside the grid, or the tile it would overlap; null when it can. */
export function placementProblem(place: Placement, others: readonly Placement[]): { kind: 'outside' } | { kind: 'overlap'; other: string } | null {
  if (!insideGrid(place)) return { kind: 'outside' };
  const hit = others.find((o) => o.id !== place.id && overlaps(o, place));
  return hit ? { kind: 'overlap', other: hit.id } : null;
}

/** The first row below every tile. */
export const bottomRow = (tiles: readonly Placement[]): number => tiles.reduce((max, t) => Math.max(max, t.y + t.h), 0);

/** An id no tile of the board has: t1, t2, … (pinned and duplicated tiles). */
export function unusedTileId(tiles: readonly { id: string }[]): string {
  const used = new Set(tiles.map((t) => t.id));
  let n = tiles.length + 1;
  while (used.has(`t${n}`)) n++;
  return `t${n}`;
}
