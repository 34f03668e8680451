import type { ReactNode } from 'react';
import type { Tile } from '@/lib/boards/kinds';
import { placeStyle } from './placement';

/** The board's tiles on the 12-column grid, for someone who may not edit it (and for share links and print). */
export function BoardGrid({ tiles, cards }: { tiles: Tile[]; cards: Record<string, ReactNode> }) {
  return (
    <div className="board-grid" data-testid="board-grid">
      {tiles.map((tile) => (
        <div key={tile.id} className="board-tile" style={placeStyle(tile)} data-tile-id={tile.id} data-place={`${tile.x},${tile.y},${tile.w},${tile.h}`}>
          {cards[tile.id]}
        </div>
      ))}
    </div>
  );
}
