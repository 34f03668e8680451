import { describe, expect, it } from 'vitest';
import {
  buildReport,
  concentrationToParams,
  downsampleLorenz,
  lorenzCurve,
  parseBound,
  parseConcentrationQuery,
  parseIndicator,
  periodInWindow,
  periodStart,
  readIndicator,
  type Market,
} from '../../lib/concentration';
import { ApiError } from '../../lib/errors';

const parse = (qs: string) => parseConcentrationQuery(new URLSearchParams(qs));
function paramOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.details.param;
    throw error;
  }
  return undefined;
}

describe('parseConcentrationQuery', () => {
  it('defaults', () => {
    const q = parse('');
    expect(q).toMatchObject({ basis: 'funding', by: 'company', from: null, to: null, top: null, guidelines: '2023', interval: 'year' });
    expect(q.companies.filters).toEqual([]);
  });

  it('parses every parameter and hands the rest to the companies parser', () => {
    const q = parse('basis=rounds&by=investor&from=2022&to=2023-06&top=5&guidelines=2010&interval=quarter&layer=foundation&layer=application&region=china');
    expect(q).toMatchObject({ basis: 'rounds', by: 'investor', from: '2022-01-01', to: '2023-06-30', top: 5, guidelines: '2010', interval: 'quarter' });
    expect(q.companies.filters.map((f) => [f.column.id, f.values])).toEqual([
      ['layer', ['foundation', 'application']],
      ['region', ['china']],
    ]);
  });

  it('round-trips through concentrationToParams', () => {
    const qs = 'basis=share&from=2022-01-01&segment=chatbots&period=2023&shareBasis=users&top=3&layer=foundation';
    expect(concentrationToParams(parse(qs)).toString()).toBe(qs);
    expect(concentrationToParams(parse('interval=quarter'), { series: true }).toString()).toBe('interval=quarter');
  });

  it('leaves caller-owned parameters alone', () => {
    expect(() => parseConcentrationQuery(new URLSearchParams('mergeA=openai'))).toThrow(ApiError);
    expect(parseConcentrationQuery(new URLSearchParams('mergeA=openai'), { extra: ['mergeA'] }).basis).toBe('funding');
  });

  it.each([
    ['basis=hype', 'basis'],
    ['by=investor&basis=share&segment=x', 'by'],
    ['from=2023-02-29', 'from'],
    ['to=2024-00', 'to'],
    ['from=2023-06-01&to=2023-05-31', 'from'],
    ['top=1001', 'top'],
    ['top=-1', 'top'],
    ['interval=week', 'interval'],
    ['period=2023', 'period'],
    ['basis=share&segment=%20', 'segment'],
    ['page=2', 'page'],
    ['founded_year__gte=old', 'founded_year__gte'],
  ])('%s → 400 naming %s', (qs, param) => {
    expect(paramOf(() => parse(qs))).toBe(param);
  });
});

describe('dates and periods', () => {
  it('widens YYYY and YYYY-MM, leap years included', () => {
    expect(parseBound('2024-02', 'to')).toBe('2024-02-29');
    expect(parseBound('2023-02', 'to')).toBe('2023-02-28');
    expect(parseBound('2023-02', 'from')).toBe('2023-02-01');
    expect(parseBound('2023', 'to')).toBe('2023-12-31');
  });

  it('reads period labels', () => {
    expect(periodStart('2023')).toBe('2023-01-01');
    expect(periodStart('2023-Q3')).toBe('2023-07-01');
    expect(periodStart('2023-H2')).toBe('2023-07-01');
    expect(periodStart('2023-05')).toBe('2023-05-01');
    expect(periodStart('FY2023')).toBeNull();
    expect(periodInWindow('2023-Q3', '2023-01-01', '2023-06-30')).toBe(false);
    expect(periodInWindow('FY2023', null, null)).toBe(true);
    expect(periodInWindow('FY2023', '2020-01-01', null)).toBe(false);
  });
});

const market = (values: number[], extra: Partial<Market> = {}): Market => ({
  entries: values.map((value, i) => ({ id: `f${i}`, name: `F${i}`, value })),
  excluded: 0,
  unattributed: 0,
  percentOfMarket: false,
  ...extra,
});

describe('buildReport', () => {
  it('adds the counts db/ found to the measures', () => {
    const r = buildReport(parse('layer=foundation'), { ...market([30, 30, 20, 20], { excluded: 3, unattributed: 1 }), entries: [{ id: 'f0', name: 'F0', value: 30, name_zh: '甲' }, ...market([30, 20, 20]).entries.map((e, i) => ({ ...e, id: `f${i + 1}`, name: `F${i + 1}` }))] });
    expect(r).toMatchObject({ n: 4, excluded: 3, unattributed: 1, filters: 'layer=foundation', coverage: null, band: 'highly' });
    expect(r.hhi).toBeCloseTo(2600, 9);
    expect(r.shares[0]).toMatchObject({ id: 'f0', name_zh: '甲' });
    expect(r.shares[1].name_zh).toBeNull();
  });

  it('percentages covering 80 % of a market are not scaled up', () => {
    const r = buildReport(parse('basis=share&segment=s'), market([60, 20], { percentOfMarket: true }));
    expect(r.hhi).toBeCloseTo(4000, 9);
    expect(r.cr['1']).toBeCloseTo(60, 9);
    expect(r.equivalentFirms).toBeCloseTo(2.5, 9);
    expect(r.coverage).toBeCloseTo(80, 9);
    expect(r.shares.map((s) => [s.id, s.share])).toEqual([
      ['f0', expect.closeTo(60, 9)],
      ['f1', expect.closeTo(20, 9)],
      ['_unattributed', expect.closeTo(20, 9)],
    ]);
  });

  it('percentages summing past 100 are normalised', () => {
    const r = buildReport(parse('basis=share&segment=s'), market([60, 60], { percentOfMarket: true }));
    expect(r.hhi).toBeCloseTo(5000, 9);
    expect(r.coverage).toBe(100);
  });

  it('keeps at most 201 Lorenz points, endpoints included, Gini from the full curve', () => {
    const values = Array.from({ length: 5000 }, (_, i) => i + 1);
    const r = buildReport(parse(''), market(values));
    expect(r.lorenz).toHaveLength(201);
    expect(r.lorenz[0]).toEqual([0, 0]);
    expect(r.lorenz.at(-1)).toEqual([1, 1]);
    expect(r.gini).toBeCloseTo(4999 / 15000, 6); // Gini of 1..n is (n − 1) / 3n
    expect(downsampleLorenz(lorenzCurve([1, 2, 3]))).toHaveLength(4);
  });
});

describe('hypothesis indicators', () => {
  it('no indicator, unreadable ones, and a reading', () => {
    expect(parseIndicator(null)).toEqual({ kind: 'none' });
    expect(parseIndicator('{oops').kind).toBe('invalid');
    expect(parseIndicator({ basis: 'funding', metric: 'gdp' }).kind).toBe('invalid');
    expect(parseIndicator({ filters: 'layer=mantle' })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('layer') });
    const parsed = parseIndicator('{"basis":"funding","filters":"layer=foundation","from":2022,"to":"2023","metric":"cr4","threshold":60,"direction":"above"}');
    if (parsed.kind !== 'ok') throw new Error(parsed.kind);
    expect(parsed.query).toMatchObject({ from: '2022-01-01', to: '2023-12-31' });
    const report = buildReport(parsed.query, market([30, 30, 20, 20, 100]));
    expect(readIndicator(parsed.indicator, report)).toEqual({ metric: 'cr4', value: expect.closeTo(90, 9), threshold: 60, direction: 'above', met: true });
    expect(readIndicator({ ...parsed.indicator, direction: 'below' }, report).met).toBe(false);
    expect(readIndicator(parsed.indicator, buildReport(parsed.query, market([]))).value).toBeNull();
  });
});
