import { z } from 'zod';
import { bottomRow, unusedTileId } from './grid';
import { GRID_COLUMNS, type Tile } from './kinds';

// "Pin to board": a tile sent without an id or place gets both — an id not used on the board, and a place
// below every tile — so that pinning from any page needs to know nothing of the board's layout.

/** Width and height a new tile takes when the pin does not say. */
export const DEFAULT_SIZE: Record<Tile['kind'], { w: number; h: number }> = {
  table: { w: 12, h: 6 },
  chart: { w: 6, h: 5 },
  metric: { w: 3, h: 2 },
  indicator: { w: 6, h: 3 },
  note: { w: 6, h: 3 },
};

/** POST /api/v1/boards/{id}/tiles: a tile whose id and place are optional. */
export const pinRequestSchema = z
  .object({
    tile: z.looseObject({ kind: z.string() }),
    /** The board's version the pinning page saw; omitted, the pin lands on whatever the board is now. */
    version: z.number().int().min(1).optional(),
  })
  .strict();

export function placePinned(existing: readonly Tile[], raw: Record<string, unknown>): unknown {
  const kind = raw.kind as Tile['kind'];
  const size = DEFAULT_SIZE[kind] ?? { w: 6, h: 4 };
  const w = typeof raw.w === 'number' ? raw.w : size.w;
  return { id: unusedTileId(existing), x: 0, y: bottomRow(existing), w: Math.min(w, GRID_COLUMNS), h: size.h, ...raw };
}
