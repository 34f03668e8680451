import type { CSSProperties } from 'react';
import type { Placement } from '@/lib/boards/grid';

// Where a tile sits on the page's CSS grid (boards.css: 12 columns, rows of ROW_PX): shared by the read-only grid
// and the layout editor.

export const ROW_PX = 64;

export const placeStyle = (p: Placement): CSSProperties => ({ gridColumn: `${p.x + 1} / span ${p.w}`, gridRow: `${p.y + 1} / span ${p.h}` });

/** Reading order: row by row, left to right (also the order tiles stack in on a narrow screen). */
export const byPlace = (a: Placement, b: Placement): number => a.y - b.y || a.x - b.x;
