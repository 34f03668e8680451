// The layout editor's rules (app/boards/[id]/_components/layout-edit.ts over lib/boards/grid.ts): a move or
// resize that would leave the grid or overlap a tile is refused, a duplicate lands below every tile with an id
// of its own, and whatever the editor produces passes the server's own tile rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateTile, keyStep, placeTile, retitleTile } from '../../app/boards/[id]/_components/layout-edit';
import { tilesSchema, type Tile } from '../../lib/boards/kinds';
import { tileIssues } from '../../lib/boards/validate';
import { REGISTRY } from '../../lib/collections';

const note = (id: string, x: number, y: number, w: number, h: number): Tile => ({ id, kind: 'note', text: id, x, y, w, h });
const TILES = [note('a', 0, 0, 6, 2), note('b', 6, 0, 6, 2), note('c', 0, 2, 12, 3)];

describe('board layout editing', () => {
  it('moves and resizes by arrow keys, refusing to leave the grid or overlap', () => {
    const b = TILES[1];
    expect(keyStep(b, 'ArrowDown', false)).toEqual({ x: 6, y: 1, w: 6, h: 2 });
    expect(keyStep(b, 'ArrowLeft', true)).toEqual({ x: 6, y: 0, w: 5, h: 2 });
    expect(keyStep(b, 'Enter', false)).toBeNull();
    expect(placeTile(TILES, 'b', { x: 7, y: 0, w: 6, h: 2 })).toEqual({ ok: false, refusal: { kind: 'outside' } });
    expect(placeTile(TILES, 'b', { x: 6, y: -1, w: 6, h: 2 })).toEqual({ ok: false, refusal: { kind: 'outside' } });
    expect(placeTile(TILES, 'b', { x: 5, y: 0, w: 6, h: 2 })).toEqual({ ok: false, refusal: { kind: 'overlap', other: 'a' } });
    expect(placeTile(TILES, 'b', { x: 6, y: 0, w: 6, h: 3 })).toEqual({ ok: false, refusal: { kind: 'overlap', other: 'c' } });
    expect(placeTile(TILES, 'b', { x: 6, y: 0, w: 6, h: 0 })).toEqual({ ok: false, refusal: { kind: 'outside' } });
    const shrunk = placeTile(TILES, 'b', { x: 6, y: 0, w: 5, h: 2 });
    expect(shrunk.ok && shrunk.tiles[1]).toMatchObject({ id: 'b', x: 6, w: 5 });
    expect(shrunk.ok && shrunk.tiles[0]).toBe(TILES[0]);
  });

  it('duplicates below every tile with an unused id, and retitles or clears a title', () => {
    const copy = duplicateTile(TILES, 'a');
    expect(copy.ok && copy.tile).toMatchObject({ id: 't4', kind: 'note', x: 0, y: 5, w: 6, h: 2 });
    const full = Array.from({ length: 60 }, (_, i) => note(`n${i}`, 0, i, 1, 1));
    expect(duplicateTile(full, 'n0')).toEqual({ ok: false, refusal: { kind: 'tooMany' } });
    const titled = retitleTile(TILES, 'a', 'Base layer');
    expect(titled[0].title).toBe('Base layer');
    expect('title' in retitleTile(titled, 'a', '   ')[0]).toBe(false);
    // A Chinese reader names the Chinese title and leaves the English one as it was.
    const both = retitleTile(titled, 'a', '底层', 'title_zh');
    expect(both[0]).toMatchObject({ title: 'Base layer', title_zh: '底层' });
    expect(retitleTile(both, 'a', '', 'title_zh')[0]).not.toHaveProperty('title_zh');
  });

  it('whatever a run of edits gives, the server accepts', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('key' as const), id: fc.constantFrom('a', 'b', 'c'), key: fc.constantFrom('ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'), resize: fc.boolean() }),
      fc.record({ op: fc.constant('copy' as const), id: fc.constantFrom('a', 'b', 'c') }),
      fc.record({ op: fc.constant('place' as const), id: fc.constantFrom('a', 'b', 'c'), x: fc.integer({ min: -2, max: 13 }), y: fc.integer({ min: -2, max: 30 }), w: fc.integer({ min: 0, max: 13 }), h: fc.integer({ min: 0, max: 25 }) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 40 }), (edits) => {
        let tiles: Tile[] = TILES;
        for (const e of edits) {
          const tile = tiles.find((t) => t.id === e.id);
          if (!tile) continue;
          const result =
            e.op === 'copy' ? duplicateTile(tiles, e.id) : placeTile(tiles, e.id, e.op === 'key' ? (keyStep(tile, e.key, e.resize) ?? tile) : { x: e.x, y: e.y, w: e.w, h: e.h });
          if (result.ok) tiles = result.tiles;
        }
        expect(tilesSchema.safeParse(tiles).success).toBe(true);
        expect(tileIssues(tiles, REGISTRY)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
