import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAssumptions, measuresOf, UNATTRIBUTED, weightedExpectation } from '../../lib/scenarios/apply';
import { assumptionsSchema, readAssumptions } from '../../lib/scenarios/assumptions';

const firms = (...shares: [string, number][]) => shares.map(([id, share]) => ({ id, name: id.toUpperCase(), share }));

describe('measures of shares', () => {
  it('HHI, CR1, CR4 and equivalent firms by hand', () => {
    // 40² + 30² + 20² + 10² = 1600 + 900 + 400 + 100 = 3000
    expect(measuresOf(firms(['a', 40], ['b', 30], ['c', 20], ['d', 10]))).toEqual({ n: 4, hhi: 3000, cr1: 40, cr4: 100, equivalentFirms: 10_000 / 3000, band: 'highly' });
    expect(measuresOf(firms(['a', 10], ['b', 10], ['c', 10], ['d', 10], ['e', 10], ['f', 10], ['g', 10], ['h', 10], ['i', 10], ['j', 10]))).toMatchObject({ hhi: 1000, cr4: 40, equivalentFirms: 10, band: 'moderately' });
  });

  it('leaves the unattributed part out and answers null for no firms', () => {
    expect(measuresOf([{ id: UNATTRIBUTED, share: 50 }, { id: 'a', share: 50 }])).toMatchObject({ n: 1, hhi: 2500, cr4: 50 });
    expect(measuresOf([])).toEqual({ n: 0, hhi: null, cr1: 0, cr4: 0, equivalentFirms: null, band: null });
  });
});

describe('applying share changes, the rest scaled', () => {
  it('the issue example: OpenAI 45 → 55, Anthropic 10 → 15, the rest scaled', () => {
    const today = firms(['openai', 45], ['anthropic', 10], ['cohere', 25], ['other', 20]);
    const result = applyAssumptions(today, [{ companyId: 'openai', from: 45, to: 55 }, { companyId: 'anthropic', from: 10, to: 15 }]);
    const share = (id: string) => result.shares.find((s) => s.id === id)?.scenario;
    expect(share('openai')).toBe(55);
    expect(share('anthropic')).toBe(15);
    // 30 % is left for cohere and other, who had 45 % together: each keeps its proportion (× 30/45).
    expect(result.restFactor).toBeCloseTo(30 / 45, 12);
    expect(share('cohere')).toBeCloseTo(25 * (30 / 45), 12);
    expect(share('other')).toBeCloseTo(20 * (30 / 45), 12);
    expect(result.today.hhi).toBeCloseTo(45 ** 2 + 10 ** 2 + 25 ** 2 + 20 ** 2, 9);
    expect(result.scenario.hhi).toBeCloseTo(55 ** 2 + 15 ** 2 + (25 * 30 / 45) ** 2 + (20 * 30 / 45) ** 2, 9);
    expect(result.scenario.cr4).toBeCloseTo(100, 9);
    expect(result.shares.find((s) => s.id === 'openai')).toMatchObject({ assumed: true, stated: 45, today: 45 });
    expect(result.warnings).toEqual([]);
  });

  it('no changes: the scenario is today', () => {
    const today = firms(['a', 50], ['b', 30], ['c', 20]);
    const result = applyAssumptions(today, []);
    expect(result.scenario).toEqual(result.today);
    expect(result.restFactor).toBe(1);
  });

  it('a company new to the segment enters with its assumed share, named from the lookup', () => {
    const result = applyAssumptions(firms(['a', 60], ['b', 40]), [{ companyId: 'new', to: 20 }], new Map([['new', { name: 'Newco', name_zh: '新公司' }]]));
    expect(result.shares.find((s) => s.id === 'new')).toMatchObject({ name: 'Newco', name_zh: '新公司', today: 0, scenario: 20, assumed: true });
    expect(result.shares.find((s) => s.id === 'a')?.scenario).toBeCloseTo(48, 12);
  });

  it('when nothing is left to scale, the remainder is unattributed (and counts for no one)', () => {
    const result = applyAssumptions(firms(['a', 100]), [{ companyId: 'a', to: 70 }]);
    expect(result.warnings).toContain('restEmpty');
    expect(result.shares.find((s) => s.id === UNATTRIBUTED)?.scenario).toBe(30);
    expect(result.scenario.hhi).toBe(4900);
  });

  it('an empty market and over-allocated shares are flagged', () => {
    expect(applyAssumptions([], [{ companyId: 'a', to: 50 }]).warnings).toEqual(['noMarket', 'restEmpty']);
    const over = applyAssumptions(firms(['a', 50], ['b', 50]), [{ companyId: 'a', to: 80 }, { companyId: 'b', to: 40 }]);
    expect(over.warnings).toContain('overAllocated');
    expect(over.shares.reduce((s, x) => s + x.scenario, 0)).toBeCloseTo(100, 9);
  });

  it('property: shares always add up to 100 and stay within 0–100', () => {
    const share = fc.double({ min: 0.01, max: 100, noNaN: true });
    fc.assert(
      fc.property(fc.array(share, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(14), fc.double({ min: 0, max: 40, noNaN: true })), { maxLength: 3 }), (raw, picks) => {
        const sum = raw.reduce((a, b) => a + b, 0);
        const today = raw.map((v, i) => ({ id: `f${i}`, name: `F${i}`, share: (100 * v) / sum }));
        const changes = [...new Map(picks.map(([i, to]) => [`f${i}`, { companyId: `f${i}`, to }])).values()];
        const result = applyAssumptions(today, changes);
        const total = result.shares.reduce((s, x) => s + x.scenario, 0);
        expect(total).toBeCloseTo(100, 6);
        for (const s of result.shares) expect(s.scenario).toBeGreaterThanOrEqual(-1e-9);
        // Assumed shares over 100 in all are scaled down to fit (warning overAllocated), each by the same factor.
        const assumed = changes.reduce((sum, c) => sum + c.to, 0);
        const shrink = result.warnings.includes('overAllocated') ? 100 / assumed : 1;
        if (shrink === 1) expect(assumed).toBeLessThanOrEqual(100 + 1e-9);
        for (const c of changes) expect(result.shares.find((s) => s.id === c.companyId)?.scenario).toBeCloseTo(c.to * shrink, 9);
      }),
    );
  });
});

describe('probability-weighted expectation', () => {
  const m = (hhi: number, cr4: number) => ({ n: 4, hhi, cr1: 0, cr4, equivalentFirms: 10_000 / hhi, band: null });
  it('weights by probability, normalising when they do not add up to 100', () => {
    expect(weightedExpectation([{ probability: 25, measures: m(4000, 90) }, { probability: 50, measures: m(3000, 80) }, { probability: 25, measures: m(2000, 60) }])).toEqual({ hhi: 3000, cr4: 77.5, probabilityTotal: 100, skipped: 0 });
    expect(weightedExpectation([{ probability: 20, measures: m(4000, 90) }, { probability: 20, measures: m(2000, 70) }, { probability: null, measures: m(1, 1) }])).toMatchObject({ hhi: 3000, cr4: 80, probabilityTotal: 40, skipped: 1 });
    expect(weightedExpectation([])).toMatchObject({ hhi: null, cr4: null });
  });
});

describe('the assumptions schema', () => {
  const valid = { segment: 'layer=foundation&from=2022', changes: [{ companyId: 'openai', from: 45, to: 55 }], rest: 'scaled' };
  it('accepts the documented form and fills the rest rule', () => {
    expect(assumptionsSchema.parse({ segment: 'layer=foundation', changes: [] })).toEqual({ segment: 'layer=foundation', changes: [], rest: 'scaled' });
    expect(readAssumptions(JSON.stringify(valid))).toEqual(valid);
  });

  it.each([
    ['a segment that does not parse', { ...valid, segment: 'layer=mantle' }, 'segment'],
    ['an unknown filter', { ...valid, segment: 'planet=mars' }, 'segment'],
    ['shares over 100', { ...valid, changes: [{ companyId: 'a', to: 70 }, { companyId: 'b', to: 40 }] }, 'changes'],
    ['a company twice', { ...valid, changes: [{ companyId: 'a', to: 10 }, { companyId: 'a', to: 20 }] }, 'changes.1.companyId'],
    ['a share above 100', { ...valid, changes: [{ companyId: 'a', to: 101 }] }, 'changes.0.to'],
    ['a hostile company id', { ...valid, changes: [{ companyId: '<script>', to: 1 }] }, 'changes.0.companyId'],
    ['an unknown key', { ...valid, evil: true }, ''],
    ['another rest rule', { ...valid, rest: 'fixed' }, 'rest'],
  ])('refuses %s', (_name, value, path) => {
    const parsed = assumptionsSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path.join('.'))).toContain(path);
    expect(readAssumptions(value)).toBeNull();
  });
});
