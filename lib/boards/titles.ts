import type { Tile } from './kinds';

// Zod-free, so that the board editor (browser code) can use it without carrying the tile schemas.

/** The title the tile's author gave, in Chinese for a Chinese reader when it has one. */
export const ownTitle = (tile: Tile, locale: 'en' | 'zh'): string | undefined => (locale === 'zh' ? (tile.title_zh ?? tile.title) : tile.title);
