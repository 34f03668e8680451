import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutNetwork, radiusOf } from '../../lib/analysis/force-layout';
import { inset, nestedTreemap, squarify, type Rect } from '../../lib/analysis/treemap';

const area = (r: Rect) => r.w * r.h;
const EPS = 1e-6;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x - EPS && inner.y >= outer.y - EPS && inner.x + inner.w <= outer.x + outer.w + EPS && inner.y + inner.h <= outer.y + outer.h + EPS;
const overlap = (a: Rect, b: Rect) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

const values = fc.array(fc.double({ min: 0.001, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 60 });
const box = fc.record({ x: fc.integer({ min: -50, max: 50 }), y: fc.integer({ min: -50, max: 50 }), w: fc.integer({ min: 1, max: 2000 }), h: fc.integer({ min: 1, max: 2000 }) });

describe('squarified treemap', () => {
  it('fills the rectangle exactly, each cell inside it, none overlapping, areas proportional to values', () => {
    fc.assert(
      fc.property(values, box, (vs, rect) => {
        const items = vs.map((value, i) => ({ key: `k${i}`, value }));
        const cells = squarify(items, rect);
        expect(cells).toHaveLength(items.length);
        const total = vs.reduce((a, b) => a + b, 0);
        const covered = cells.reduce((s, c) => s + area(c), 0);
        expect(Math.abs(covered - area(rect)) / area(rect)).toBeLessThan(1e-6);
        for (const cell of cells) {
          expect(inside(cell, rect)).toBe(true);
          expect(Math.abs(area(cell) / area(rect) - cell.item.value / total)).toBeLessThan(1e-6);
        }
        for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) expect(overlap(cells[i], cells[j])).toBeLessThan(1e-6 * area(rect));
      }),
      { numRuns: 200 },
    );
  });

  it('lays the largest first and gives nothing to zero, negative or non-finite values', () => {
    const cells = squarify([{ key: 'a', value: 1 }, { key: 'b', value: 0 }, { key: 'c', value: 6 }, { key: 'd', value: -2 }, { key: 'e', value: Number.NaN }, { key: 'f', value: 3 }], { x: 0, y: 0, w: 100, h: 100 });
    expect(cells.map((c) => c.item.key)).toEqual(['c', 'f', 'a']);
    expect(squarify([{ key: 'a', value: 0 }], { x: 0, y: 0, w: 10, h: 10 })).toEqual([]);
    expect(squarify([{ key: 'a', value: 5 }], { x: 0, y: 0, w: 0, h: 10 })).toEqual([]);
  });

  it('keeps cells squarish: 6, 6, 4, 3, 2, 2, 1 in 6 × 4 is the paper’s example (worst ratio under 3)', () => {
    const cells = squarify([6, 6, 4, 3, 2, 2, 1].map((value, i) => ({ key: String(i), value })), { x: 0, y: 0, w: 6, h: 4 });
    expect(cells.slice(0, 2).map((c) => [c.x, c.y, c.w, c.h])).toEqual([[0, 0, 3, 2], [0, 2, 3, 2]]);
    for (const c of cells) expect(Math.max(c.w / c.h, c.h / c.w)).toBeLessThan(3);
  });

  it('nests: groups share the box, children share their group inside the gap and below the header', () => {
    const groups = [
      { key: 'g1', value: 30, children: [{ key: 'a', value: 20 }, { key: 'b', value: 10 }] },
      { key: 'g2', value: 10, children: [{ key: 'c', value: 10 }] },
    ];
    const rect = { x: 0, y: 0, w: 400, h: 200 };
    const placed = nestedTreemap(groups, rect, { gap: 2, header: 14, minHeaderCell: 30 });
    expect(placed.map((g) => g.item.key)).toEqual(['g1', 'g2']);
    for (const group of placed) {
      expect(group.header).not.toBeNull();
      const body = { ...inset(group, 2), y: inset(group, 2).y + 14, h: inset(group, 2).h - 14 };
      for (const child of group.children) expect(inside(child, body)).toBe(true);
      expect(group.children.reduce((s, c) => s + area(c), 0)).toBeCloseTo(area(body), 6);
    }
    const tiny = nestedTreemap(groups, { x: 0, y: 0, w: 40, h: 20 }, { gap: 1, header: 14, minHeaderCell: 30 });
    expect(tiny.every((g) => g.header === null)).toBe(true);
  });
});

describe('network layout (d3-force, fixed ticks)', () => {
  const nodes = [
    { id: 'nvidia', rounds: 20 },
    { id: 'google', rounds: 10 },
    { id: 'a16z', rounds: 12 },
    { id: 'lonely-1', rounds: 2 },
    { id: 'lonely-2', rounds: 1 },
  ];
  const pairs = [
    { a: 'google', b: 'nvidia', rounds: 4 },
    { a: 'a16z', b: 'nvidia', rounds: 5 },
    { a: 'lonely-1', b: 'lonely-2', rounds: 1 },
  ];
  const options = { width: 800, height: 500, margin: 20 };

  it('is the same picture every time (no randomness, no animation)', () => {
    expect(layoutNetwork(nodes, pairs, options)).toEqual(layoutNetwork(nodes, pairs, options));
  });

  it('keeps every node inside the box, sized by rounds, linked nodes closer than unlinked ones', () => {
    const placed = layoutNetwork(nodes, pairs, options);
    expect(placed.map((p) => p.id)).toEqual(nodes.map((n) => n.id));
    for (const p of placed) {
      expect(p.x - p.r).toBeGreaterThanOrEqual(0);
      expect(p.y - p.r).toBeGreaterThanOrEqual(0);
      expect(p.x + p.r).toBeLessThanOrEqual(options.width);
      expect(p.y + p.r).toBeLessThanOrEqual(options.height);
    }
    const at = Object.fromEntries(placed.map((p) => [p.id, p]));
    expect(at.nvidia.r).toBe(18);
    expect(at['lonely-2'].r).toBeLessThan(at.google.r);
    const dist = (a: string, b: string) => Math.hypot(at[a].x - at[b].x, at[a].y - at[b].y);
    expect(dist('google', 'nvidia')).toBeLessThan(dist('google', 'lonely-2'));
  });

  it('handles one node, no pairs, and pairs naming unknown nodes', () => {
    expect(layoutNetwork([], [], options)).toEqual([]);
    const [only] = layoutNetwork([{ id: 'x', rounds: 1 }], [{ a: 'x', b: 'missing', rounds: 3 }], options);
    expect(only).toMatchObject({ id: 'x', x: 400, y: 250 });
    expect(radiusOf(0, 0)).toBe(4);
  });
});
