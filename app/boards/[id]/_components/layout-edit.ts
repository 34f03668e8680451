import { bottomRow, MAX_ROW, MAX_TILES, placementProblem, unusedTileId, type Placement } from '@/lib/boards/grid';
import type { Tile } from '@/lib/boards/kinds';

// The layout editor's changes as pure functions of the tiles: each gives the new tiles, or why it refuses.

export type Refusal = { kind: 'outside' } | { kind: 'overlap'; other: string } | { kind: 'tooMany' };
export type Edit = { ok: true; tiles: Tile[]; tile: Tile } | { ok: false; refusal: Refusal };

/** The tile at a new place or size; refused when it would leave the grid or overlap another tile. */
export function placeTile(tiles: readonly Tile[], id: string, place: Omit<Placement, 'id'>): Edit {
  const tile = tiles.find((t) => t.id === id);
  if (!tile) return { ok: false, refusal: { kind: 'outside' } };
  const moved = { ...tile, ...place } as Tile;
  const problem = placementProblem(moved, tiles);
  if (problem) return { ok: false, refusal: problem };
  return { ok: true, tile: moved, tiles: tiles.map((t) => (t.id === id ? moved : t)) };
}

/** Arrow keys move a tile one cell; with Shift they grow or shrink it. Null for any other key. */
export function keyStep(tile: Placement, key: string, resize: boolean): Omit<Placement, 'id'> | null {
  const steps: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const step = steps[key];
  if (!step) return null;
  const [dx, dy] = step;
  return resize ? { x: tile.x, y: tile.y, w: tile.w + dx, h: tile.h + dy } : { x: tile.x + dx, y: tile.y + dy, w: tile.w, h: tile.h };
}

/** A copy of a tile with an id of its own, below every other tile. */
export function duplicateTile(tiles: readonly Tile[], id: string): Edit {
  const tile = tiles.find((t) => t.id === id);
  if (!tile) return { ok: false, refusal: { kind: 'outside' } };
  if (tiles.length >= MAX_TILES) return { ok: false, refusal: { kind: 'tooMany' } };
  const copy = { ...tile, id: unusedTileId(tiles), y: bottomRow(tiles) } as Tile;
  if (copy.y > MAX_ROW) return { ok: false, refusal: { kind: 'outside' } };
  return { ok: true, tile: copy, tiles: [...tiles, copy] };
}

/** The tile with a title of its own, or without one (its kind's default) when the text is blank. */
export function retitleTile(tiles: readonly Tile[], id: string, text: string, field: 'title' | 'title_zh' = 'title'): Tile[] {
  return tiles.map((t) => {
    if (t.id !== id) return t;
    const rest: Partial<Tile> = { ...t };
    delete rest[field];
    return (text.trim() ? { ...rest, [field]: text } : rest) as Tile;
  });
}
