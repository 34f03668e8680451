import { describe, it, expect } from 'vitest';
import {
  bandRanges,
  classifyHhi,
  concentration,
  concentrationSeries,
  downsampleLorenz,
  giniFromLorenz,
  GUIDELINES,
  hhiDelta,
  lorenzCurve,
  MAX_LORENZ_POINTS,
  mergerEffect,
  OTHERS_ID,
  splitEqually,
} from '../../lib/concentration';
import type { Entry } from '../../lib/concentration';

/** Build entries from values; ids a, b, c, … */
function mk(values: readonly (number | null)[]): Entry[] {
  return values.map((value, i) => {
    const id = String.fromCharCode(97 + i);
    return { id, name: id.toUpperCase(), value };
  });
}

describe('concentration: hand-computed cases', () => {
  it('4 equal firms → HHI 2,500, CR4 100, 4 equivalent firms, gini 0', () => {
    const c = concentration(mk([5, 5, 5, 5]));
    expect(c.n).toBe(4);
    expect(c.total).toBe(20);
    expect(c.hhi).toBeCloseTo(2500, 9);
    expect(c.cr['1']).toBeCloseTo(25, 9);
    expect(c.cr['3']).toBeCloseTo(75, 9);
    expect(c.cr['4']).toBeCloseTo(100, 9);
    expect(c.cr['8']).toBeCloseTo(100, 9);
    expect(c.equivalentFirms).toBeCloseTo(4, 9);
    expect(c.gini).toBeCloseTo(0, 12);
    expect(c.band).toBe('highly'); // 2,500 > 1,800
    expect(concentration(mk([5, 5, 5, 5]), { guidelines: '2010' }).band).toBe('moderately'); // exactly 2,500
  });

  it('monopoly → HHI 10,000, highly concentrated', () => {
    const c = concentration(mk([42]));
    expect(c.hhi).toBeCloseTo(10000, 9);
    expect(c.band).toBe('highly');
    expect(c.cr['1']).toBeCloseTo(100, 9);
    expect(c.cr['8']).toBeCloseTo(100, 9);
    expect(c.equivalentFirms).toBeCloseTo(1, 9);
    expect(c.lorenz).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(c.gini).toBe(0);
  });

  it('shares 30/30/20/20 → HHI 2,600', () => {
    const c = concentration(mk([30, 30, 20, 20]));
    expect(c.hhi).toBeCloseTo(2600, 9);
    expect(c.cr['1']).toBeCloseTo(30, 9);
    expect(c.cr['3']).toBeCloseTo(80, 9);
    expect(c.equivalentFirms).toBeCloseTo(10000 / 2600, 9);
    expect(c.shares.map((s) => s.share)).toEqual([30, 30, 20, 20].map((x) => expect.closeTo(x, 9)));
  });

  it('float inputs still hit exact-looking values', () => {
    expect(concentration(mk([0.1, 0.1, 0.1, 0.1])).hhi).toBeCloseTo(2500, 9);
    const third = concentration(mk([1, 1, 1]));
    expect(third.hhi).toBeCloseTo(10000 / 3, 9);
    expect(third.cr['3']).toBe(100);
    // 0.2×4 + 0.1×2 → shares 20,20,20,20,10,10 → HHI 1,800 exactly: 'moderately', not 'highly'
    expect(concentration(mk([0.2, 0.2, 0.2, 0.2, 0.1, 0.1])).band).toBe('moderately');
  });
});

describe('input handling', () => {
  it('excludes undisclosed (null) values and counts them, never as zero', () => {
    const c = concentration(mk([10, null, 10, null]));
    expect(c.n).toBe(2);
    expect(c.excluded).toBe(2);
    expect(c.total).toBe(20);
    expect(c.hhi).toBeCloseTo(5000, 9);
    expect(c.shares.map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('sums duplicate ids first', () => {
    const c = concentration([
      { id: 'x', name: 'X Corp', value: 10 },
      { id: 'y', name: 'Y Inc', value: 40 },
      { id: 'x', name: 'X again', value: 30 },
      { id: 'x', name: 'X again', value: null },
    ]);
    expect(c.n).toBe(2);
    expect(c.excluded).toBe(1);
    expect(c.hhi).toBeCloseTo(5000, 9);
    expect(c.shares).toEqual([
      { id: 'x', name: 'X Corp', value: 40, share: 50 },
      { id: 'y', name: 'Y Inc', value: 40, share: 50 },
    ]);
  });

  it('drops zero and negative values from shares (n counts positive only)', () => {
    const c = concentration(mk([0, 1, 1, 1, 1, -3]));
    expect(c.n).toBe(4);
    expect(c.excluded).toBe(0);
    expect(c.hhi).toBeCloseTo(2500, 9);
    expect(c.gini).toBeCloseTo(0, 12);
    expect(c.shares.map((s) => s.id)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('throws on NaN / Infinity and bad top', () => {
    expect(() => concentration(mk([1, Number.NaN]))).toThrow(RangeError);
    expect(() => concentration(mk([1, Number.POSITIVE_INFINITY]))).toThrow(RangeError);
    expect(() => concentration(mk([1]), { top: -1 })).toThrow(RangeError);
    expect(() => concentration(mk([1]), { top: 1.5 })).toThrow(RangeError);
  });

  it('empty input', () => {
    const expected = {
      n: 0,
      total: 0,
      excluded: 0,
      hhi: 0,
      cr: { '1': 0, '3': 0, '4': 0, '8': 0 },
      equivalentFirms: null,
      band: null,
      shares: [],
      lorenz: [
        [0, 0],
        [1, 1],
      ],
      gini: 0,
    };
    expect(concentration([])).toEqual(expected);
    expect(concentration(mk([null, null, 0]))).toEqual({ ...expected, excluded: 2 });
  });

  it('CRn with fewer firms than n sums all shares', () => {
    const c = concentration(mk([3, 1]));
    expect(c.cr['1']).toBeCloseTo(75, 9);
    expect(c.cr['3']).toBe(100);
    expect(c.cr['8']).toBe(100);
  });
});

describe('shares ordering and top-N grouping', () => {
  const entries = mk([5, 50, 15, 20, 10]); // a5 b50 c15 d20 e10

  it('sorts desc by value, ties by id', () => {
    const c = concentration([
      { id: 'z', name: 'Z', value: 2 },
      { id: 'm', name: 'M', value: 5 },
      { id: 'b', name: 'B', value: 2 },
    ]);
    expect(c.shares.map((s) => s.id)).toEqual(['m', 'b', 'z']);
  });

  it('names the first `top` and groups the rest into Others', () => {
    const c = concentration(entries, { top: 2 });
    expect(c.shares).toHaveLength(3);
    expect(c.shares.slice(0, 2).map((s) => s.id)).toEqual(['b', 'd']);
    const others = c.shares[2];
    expect(others).toMatchObject({ id: OTHERS_ID, name: 'Others', value: 30, count: 3 });
    expect(others?.share).toBeCloseTo(30, 9);
    // measures are computed on every firm, not the grouped view
    expect(c.n).toBe(5);
    expect(c.hhi).toBeCloseTo(2500 + 400 + 225 + 100 + 25, 9);
  });

  it('no Others row when top >= n; top 0 groups everything', () => {
    expect(concentration(entries, { top: 5 }).shares.map((s) => s.id)).toEqual(['b', 'd', 'c', 'e', 'a']);
    const all = concentration(entries, { top: 0 }).shares;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: OTHERS_ID, value: 100, count: 5 });
  });
});

describe('top-N of many firms', () => {
  // The named firms are picked without sorting every firm (lib/concentration/measures.ts largest): the same as a sort.
  it('names the same firms, in the same order, as sorting them all, ties by id', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
    const entries = Array.from({ length: 2_000 }, (_, i) => ({ id: `f${(i * 7919) % 2_000}`, name: `F${i}`, value: values[i % values.length] * (1 + (i % 3)) }));
    const all = concentration(entries);
    for (const top of [0, 1, 4, 12, 64, 65, 300]) {
      const few = concentration(entries, { top });
      expect(few.shares.slice(0, top)).toEqual(all.shares.slice(0, top));
      const others = few.shares[top];
      const rest = all.shares.slice(top);
      expect(others).toMatchObject({ id: OTHERS_ID, count: rest.length, value: rest.reduce((sum, s) => sum + s.value, 0) });
      expect({ ...few, shares: [] }).toEqual({ ...all, shares: [] });
    }
  });
});

describe('every firm ranked', () => {
  // Firms are ranked by a radix sort of their values (lib/concentration/measures.ts ranked): held here against a
  // comparison sort by value, largest first, then id.
  const bySort = (entries: { id: string; value: number }[]) =>
    [...entries].filter((e) => e.value > 0).sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => e.id);
  let seed = 17;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;

  it('orders firms as a sort by value then id, ties, fractions and large values included, ids in any order or ascending', () => {
    const values = [3, 1e12 + 0.5, 0.001, 7.25, 2 ** 40, 5e-9, 1, 3, 9_999_999_999.99, 42];
    const shuffled = Array.from({ length: 5_000 }, (_, i) => ({ id: `f${String((i * 7919) % 5_000).padStart(4, '0')}`, name: `F${i}`, value: random() < 0.3 ? values[i % values.length] : Math.floor(random() * 1e9) / 100 }));
    const ascending = [...shuffled].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const entries of [shuffled, ascending]) {
      expect(concentration(entries).shares.map((s) => s.id)).toEqual(bySort(entries));
    }
  });

  it('sums repeated ids before ranking them', () => {
    const entries = [{ id: 'b', name: 'B', value: 2 }, { id: 'a', name: 'A', value: 3 }, { id: 'b', name: 'B', value: 2 }, { id: 'c', name: 'C', value: 4 }];
    expect(concentration(entries).shares.map((s) => [s.id, s.value])).toEqual([['b', 4], ['c', 4], ['a', 3]]);
  });

  it('carries each firm\'s Chinese name when asked, null where unknown', () => {
    const entries = [{ id: 'a', name: 'A', value: 1, name_zh: '甲' }, { id: 'b', name: 'B', value: 2 }, { id: 'c', name: 'C', value: 3, name_zh: null }];
    expect(concentration(entries, { withNamesZh: true, top: 2 }).shares.map((s) => [s.id, s.name_zh])).toEqual([['c', null], ['b', null], [OTHERS_ID, null]]);
    expect(concentration(entries, { withNamesZh: true }).shares.find((s) => s.id === 'a')?.name_zh).toBe('甲');
    expect(concentration(entries).shares[0]).not.toHaveProperty('name_zh');
  });

  it('keeps the Lorenz points downsampleLorenz would keep, and the Gini of the whole curve', () => {
    for (const n of [1, 199, 200, 201, 202, 5_003]) {
      const entries = Array.from({ length: n }, (_, i) => ({ id: `f${i}`, name: `F${i}`, value: 1 + Math.floor(random() * 1000) }));
      const full = concentration(entries);
      const sampled = concentration(entries, { lorenzPoints: MAX_LORENZ_POINTS });
      expect(sampled.lorenz).toEqual(downsampleLorenz(full.lorenz));
      expect(sampled.gini).toBe(full.gini);
      expect(full.gini).toBe(giniFromLorenz(full.lorenz));
    }
  });
});

describe('Lorenz curve and Gini', () => {
  it('endpoints are [0,0] and [1,1]', () => {
    const l = concentration(mk([7, 2, 9, 1])).lorenz;
    expect(l[0]).toEqual([0, 0]);
    expect(l[l.length - 1]).toEqual([1, 1]);
    expect(l).toHaveLength(5);
  });

  it('values 1,1,1,1 → gini 0', () => {
    expect(concentration(mk([1, 1, 1, 1])).gini).toBeCloseTo(0, 12);
  });

  it('values [1,3] → Lorenz (0,0),(.5,.25),(1,1); gini = 1 − (.5·.25 + .5·1.25) = 0.25', () => {
    const c = concentration(mk([3, 1]));
    expect(c.lorenz).toEqual([
      [0, 0],
      [0.5, 0.25],
      [1, 1],
    ]);
    expect(c.gini).toBeCloseTo(0.25, 12);
  });

  it('values [1,2,3,4] → gini = 1 − .25·(.1+.4+.9+1.6) = 0.25', () => {
    expect(concentration(mk([4, 2, 1, 3])).gini).toBeCloseTo(0.25, 12);
  });

  it('zero values are excluded before the Lorenz curve ([0,1,3] behaves like [1,3])', () => {
    expect(concentration(mk([0, 1, 3])).gini).toBeCloseTo(0.25, 12);
    expect(lorenzCurve([0, 3, 1])).toEqual(lorenzCurve([1, 3]));
  });

  it('helpers handle empty input', () => {
    expect(lorenzCurve([])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(giniFromLorenz(lorenzCurve([]))).toBe(0);
  });
});

describe('bands and guidelines', () => {
  it('exports thresholds as data', () => {
    expect(GUIDELINES['2023']).toEqual({ moderate: 1000, high: 1800, delta: 100 });
    expect(GUIDELINES['2010']).toEqual({ moderate: 1500, high: 2500, delta: 200 });
    expect(bandRanges('2023')).toEqual([
      { band: 'unconcentrated', from: 0, to: 1000 },
      { band: 'moderately', from: 1000, to: 1800 },
      { band: 'highly', from: 1800, to: 10000 },
    ]);
  });

  it('2023 boundaries: <1,000 un; 1,000–1,800 moderately (inclusive); >1,800 highly', () => {
    expect(classifyHhi(999.99, '2023')).toBe('unconcentrated');
    expect(classifyHhi(1000, '2023')).toBe('moderately');
    expect(classifyHhi(1800, '2023')).toBe('moderately');
    expect(classifyHhi(1800 + 1e-10, '2023')).toBe('moderately'); // float noise
    expect(classifyHhi(1800.01, '2023')).toBe('highly');
    expect(classifyHhi(0)).toBeNull();
  });

  it('2010 boundaries: <1,500 un; 1,500–2,500 moderately (inclusive); >2,500 highly', () => {
    expect(classifyHhi(1499.99, '2010')).toBe('unconcentrated');
    expect(classifyHhi(1500, '2010')).toBe('moderately');
    expect(classifyHhi(2500, '2010')).toBe('moderately');
    expect(classifyHhi(2500.01, '2010')).toBe('highly');
  });

  it('boundaries reached from real share vectors', () => {
    expect(concentration(mk([10, 10, 10, 10, 10, 10, 10, 10, 10, 10])).band).toBe('moderately'); // 1,000
    expect(concentration(mk([20, 20, 20, 20, 10, 10])).band).toBe('moderately'); // 1,800
    const b = mk([25, 25, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]); // 625·2 + 25·10 = 1,500
    expect(concentration(b).hhi).toBeCloseTo(1500, 9);
    expect(concentration(b, { guidelines: '2010' }).band).toBe('moderately');
  });
});

describe('mergers', () => {
  it('merging two 20% firms → ΔHHI 800', () => {
    expect(hhiDelta(20, 20)).toBe(800);
    const { shares } = concentration(mk([30, 30, 20, 20]));
    const m = mergerEffect(shares, 'c', 'd');
    expect(m.before).toBeCloseTo(2600, 9);
    expect(m.delta).toBeCloseTo(800, 9);
    expect(m.after).toBeCloseTo(3400, 9);
    expect(m.mergedShare).toBeCloseTo(40, 9);
    expect(m.bandBefore).toBe('highly');
    expect(m.bandAfter).toBe('highly');
    expect(m.presumedHarm).toBe(true);
  });

  it('ΔHHI threshold is strict: exactly 100 (2023) / 200 (2010) is not presumed harm', () => {
    const shares = [40, 30, 10, 10, 5, 5].map((share, i) => ({ id: `f${i}`, share })); // HHI 2,750
    const m100 = mergerEffect(shares, 'f2', 'f4'); // 2·10·5 = 100
    expect(m100.delta).toBe(100);
    expect(m100.bandAfter).toBe('highly');
    expect(m100.presumedHarm).toBe(false);
    const m200 = mergerEffect(shares, 'f2', 'f3'); // 200
    expect(m200.presumedHarm).toBe(true);
    expect(mergerEffect(shares, 'f2', 'f3', { guidelines: '2010' }).presumedHarm).toBe(false);
    expect(mergerEffect(shares, 'f1', 'f4', { guidelines: '2010' }).presumedHarm).toBe(true); // 300
  });

  it('no presumption when the post-merger market is not highly concentrated', () => {
    const shares = Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, share: 5 })); // HHI 500
    const m = mergerEffect(shares, 'f0', 'f1');
    expect(m.after).toBeCloseTo(550, 9);
    expect(m.bandAfter).toBe('unconcentrated');
    expect(m.presumedHarm).toBe(false);
  });

  it('rejects unknown ids, self-merger and grouped Others', () => {
    const { shares } = concentration(mk([30, 30, 20, 20]));
    expect(() => mergerEffect(shares, 'a', 'zz')).toThrow(RangeError);
    expect(() => mergerEffect(shares, 'a', 'a')).toThrow(RangeError);
    const grouped = concentration(mk([30, 30, 20, 20]), { top: 2 }).shares;
    expect(() => mergerEffect(grouped, 'a', 'b')).toThrow(RangeError);
  });
});

describe('splitEqually', () => {
  it('splits a round equally and sums back to the amount', () => {
    const parts = splitEqually(100, ['x', 'y', 'z']);
    expect(parts.map((p) => p.id)).toEqual(['x', 'y', 'z']);
    for (const p of parts) expect(p.value).toBeCloseTo(100 / 3, 12);
    expect(parts.reduce((a, p) => a + p.value, 0)).toBeCloseTo(100, 9);
  });

  it('collapses duplicate participants; no participants → []', () => {
    expect(splitEqually(10, ['x', 'x', 'y'])).toEqual([
      { id: 'x', value: 5 },
      { id: 'y', value: 5 },
    ]);
    expect(splitEqually(10, [])).toEqual([]);
    expect(() => splitEqually(Number.NaN, ['x'])).toThrow(RangeError);
  });

  it('feeds concentration without double counting', () => {
    const rounds = [
      { amount: 90, investors: ['p', 'q', 'r'] },
      { amount: 10, investors: ['p'] },
    ];
    const entries: Entry[] = rounds
      .flatMap((r) => splitEqually(r.amount, r.investors))
      .map((p) => ({ id: p.id, name: p.id, value: p.value }));
    const c = concentration(entries);
    expect(c.total).toBeCloseTo(100, 9);
    expect(c.n).toBe(3);
    expect(c.shares[0]).toMatchObject({ id: 'p', value: 40 });
  });
});

describe('concentrationSeries', () => {
  it('returns one row per period in input order', () => {
    const s = concentrationSeries([
      { period: '2023', entries: mk([5, 5, 5, 5, null]) },
      { period: '2024', entries: mk([1]) },
      { period: '2025', entries: [] },
    ]);
    expect(s).toHaveLength(3);
    expect(s[0]).toMatchObject({ period: '2023', n: 4, total: 20, excluded: 1 });
    expect(s[0]?.hhi).toBeCloseTo(2500, 9);
    expect(s[0]?.cr4).toBeCloseTo(100, 9);
    expect(s[1]).toMatchObject({ period: '2024', n: 1, cr4: 100 });
    expect(s[2]).toEqual({ period: '2025', hhi: 0, cr4: 0, n: 0, total: 0, excluded: 0 });
  });

  it("gives each period exactly the figures concentration() gives its entries (it skips only shares and Lorenz)", () => {
    const periods = [
      { period: '2021', entries: [...mk([0.1, 0.2, 0.3, 7e9, 3.3, null, 12]), { id: 'a', name: 'a', value: 5 }, { id: 'z', name: 'z', value: -1 }] },
      { period: '2022', entries: mk([1 / 3, 2 / 3, 1e-9, 123456789.123, null, null]) },
      { period: '2023', entries: mk([null]) },
    ];
    for (const point of concentrationSeries(periods)) {
      const full = concentration(periods.find((p) => p.period === point.period)!.entries);
      expect(point).toEqual({ period: point.period, hhi: full.hhi, cr4: full.cr['4'], n: full.n, total: full.total, excluded: full.excluded });
    }
  });
});
