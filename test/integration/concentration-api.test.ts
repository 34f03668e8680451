import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as facets from '../../app/api/v1/[collection]/facets/route';
import * as list from '../../app/api/v1/[collection]/route';
import { concentrationReport, marketSeries, seriesPoints } from '../../db/concentration';
import { selectedRefNames } from '../../db/facets';
import { displayFxOf } from '../../db/fx';
import { buildSeries, parseConcentrationQuery, seriesReport } from '../../lib/concentration';
import { expectSameReport } from '../support/reports';
import { getCollection } from '../../lib/collections';
import { parseQuery } from '../../lib/query/parse';
import * as conc from '../../app/api/v1/concentration/route';
import * as series from '../../app/api/v1/concentration/series/route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { call } from '../support/http';

// A market whose answers are worked out by hand (amounts in US$ millions, M = 1e6):
//   a1 foundation US: a-2022 300 (x lead, y), a-2023 undisclosed (post 3,000; no participants)
//   b2 foundation CN: b-2022 300 (x; post 2,000)
//   c3 application US: c-2023 200 (y, z; post 1,000)
//   d4 application CN: d-2023 100 (z), g-2023 100 (no participants)
//   e5 application US: e-2023 undisclosed (x)
//   x (an investor): x-fund 500, the size of its fund (round_type fund): no round, left out unless asked for
const M = 1_000_000;
const COMPANIES = [
  { id: 'a1', name: 'Alpha', name_zh: '阿尔法', kind: 'builder', country: 'US', layer: 'foundation' },
  { id: 'b2', name: 'Beta', kind: 'builder', country: 'CN', layer: 'foundation' },
  { id: 'c3', name: 'Gamma', kind: 'builder', country: 'US', layer: 'application' },
  { id: 'd4', name: 'Delta', kind: 'builder', country: 'CN', layer: 'application' },
  { id: 'e5', name: 'Epsilon', kind: 'builder', country: 'US', layer: 'application' },
  { id: 'x', name: 'Fund X', kind: 'investor', country: 'US' },
  { id: 'y', name: 'Fund Y', kind: 'investor', country: 'US' },
  { id: 'z', name: 'Fund Z', kind: 'investor', country: 'US' },
];
const ROUNDS = [
  { id: 'a-2022', company_id: 'a1', announced_on: '2022-03-01', amount_usd: 300 * M, post_money_usd: 1000 * M, lead_investors: ['x'], investors: ['x', 'y'] },
  { id: 'b-2022', company_id: 'b2', announced_on: '2022-06-01', amount_usd: 300 * M, post_money_usd: 2000 * M, investors: ['x'] },
  { id: 'c-2023', company_id: 'c3', announced_on: '2023-02-01', amount_usd: 200 * M, post_money_usd: 1000 * M, investors: ['y', 'z'] },
  { id: 'd-2023', company_id: 'd4', announced_on: '2023-05-01', amount_usd: 100 * M, investors: ['z'] },
  { id: 'g-2023', company_id: 'd4', announced_on: '2023-06-01', amount_usd: 100 * M },
  { id: 'e-2023', company_id: 'e5', announced_on: '2023-07-01', amount_usd: null, investors: ['x'] },
  { id: 'a-2023', company_id: 'a1', announced_on: '2023-09-01', amount_usd: null, post_money_usd: 3000 * M },
  { id: 'x-fund', company_id: 'x', round_type: 'fund', announced_on: '2021-01-01', amount_usd: 500 * M, post_money_usd: 5000 * M },
];
const SHARES = [
  { id: 's1', segment: 'chatbots', period: '2023', company_id: 'a1', basis: 'users', share_pct: 50 },
  { id: 's2', segment: 'chatbots', period: '2023', company_id: 'b2', basis: 'users', share_pct: 30 },
  { id: 's3', segment: 'chatbots', period: '2023', company_id: 'c3', basis: 'users', share_pct: 20 },
  { id: 's4', segment: 'chatbots', period: '2022', company_id: 'a1', basis: 'users', share_pct: 60 },
  { id: 's5', segment: 'chatbots', period: '2022', company_id: 'b2', basis: 'users', share_pct: 20 },
  { id: 's6', segment: 'image', period: '2023-Q1', company_id: 'a1', basis: 'revenue', value: 10 },
  { id: 's7', segment: 'image', period: '2023-Q1', company_id: 'c3', basis: 'revenue', value: 30 },
  { id: 's8', segment: 'image', period: '2023-Q1', company_id: 'd4', basis: 'revenue', value: null },
  { id: 's9', segment: 'mixed', period: '2023', company_id: 'a1', basis: 'revenue', share_pct: 40 },
  { id: 's10', segment: 'mixed', period: '2023', company_id: 'b2', basis: 'users', share_pct: 40 },
  { id: 's11', segment: 'mixed', period: '2023', company_id: 'c3', basis: 'spend', share_pct: 20 },
  { id: 's12', segment: 'web visits', segment_zh: '网站访问量', period: '2026-01', company_id: 'a1', basis: 'traffic', share_pct: 64.5 },
  { id: 's13', segment: 'web visits', segment_zh: '网站访问量', period: '2026-01', company_id: 'b2', basis: 'traffic', share_pct: 21.5 },
];

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  for (const [collection, rows] of [['companies', COMPANIES], ['investments', ROUNDS], ['market-shares', SHARES]] as const) {
    for (const body of rows) {
      const reply = await call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    }
  }
});
afterAll(async () => t.cleanup());

const get = (query = '') => call(conc.GET, `/api/v1/concentration${query}`, {});
const getSeries = (query = '') => call(series.GET, `/api/v1/concentration/series${query}`, {});
const close = (x: number) => expect.closeTo(x, 6);

describe('GET /api/v1/concentration', () => {
  it('funding by company: 30/30/20/20 → HHI 2,600; undisclosed rounds excluded and counted', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body).toMatchObject({ basis: 'funding', by: 'company', guidelines: '2023', n: 4, total: 1000 * M, excluded: 2, band: 'highly' });
    expect(body.hhi).toBeCloseTo(2600, 6);
    expect(body.cr).toEqual({ '1': close(30), '3': close(80), '4': close(100), '8': close(100) });
    expect(body.equivalentFirms).toBeCloseTo(10000 / 2600, 6);
    expect(body.shares).toEqual([
      { id: 'a1', name: 'Alpha', name_zh: '阿尔法', value: 300 * M, share: close(30) },
      { id: 'b2', name: 'Beta', name_zh: null, value: 300 * M, share: close(30) },
      { id: 'c3', name: 'Gamma', name_zh: null, value: 200 * M, share: close(20) },
      { id: 'd4', name: 'Delta', name_zh: null, value: 200 * M, share: close(20) },
    ]);
    // values 200,200,300,300 → Lorenz (0,0),(.25,.2),(.5,.4),(.75,.7),(1,1); Gini = 1 − .25·(.2+.6+1.1+1.7) = 0.1
    expect(body.lorenz).toEqual([[0, 0], [0.25, close(0.2)], [0.5, close(0.4)], [0.75, close(0.7)], [1, 1]]);
    expect(body.gini).toBeCloseTo(0.1, 9);
    expect(body.thresholds).toEqual({ moderate: 1000, high: 1800, delta: 100 });
  });

  it('window from/to on announced_on, YYYY widened to the whole year', async () => {
    const y2023 = (await get('?from=2023&to=2023')).body;
    expect(y2023).toMatchObject({ n: 2, total: 400 * M, excluded: 2, window: { from: '2023-01-01', to: '2023-12-31' } });
    expect(y2023.hhi).toBeCloseTo(5000, 6);
    const h1 = (await get('?from=2023-01-01&to=2023-06-30')).body;
    expect(h1).toMatchObject({ n: 2, total: 400 * M, excluded: 0 });
    expect((await get('?to=2022-12')).body).toMatchObject({ n: 2, total: 600 * M, window: { from: null, to: '2022-12-31' } });
  });

  it('any companies filter defines the market', async () => {
    const foundation = (await get('?layer=foundation')).body;
    expect(foundation).toMatchObject({ n: 2, total: 600 * M, excluded: 1, filters: 'layer=foundation' });
    expect(foundation.hhi).toBeCloseTo(5000, 6);
    const china = (await get('?region=china')).body; // b2 300, d4 200 → 60/40
    expect(china.hhi).toBeCloseTo(3600 + 1600, 6);
    expect((await get('?layer=application&country=US')).body).toMatchObject({ n: 1, excluded: 1, hhi: close(10000) });
    expect((await get('?q=gamm')).body.shares.map((s: { id: string }) => s.id)).toEqual(['c3']);
  });

  it('a fund\'s size is no round: left out of every basis unless round_type=fund asks for it', async () => {
    expect((await get('?basis=rounds')).body).toMatchObject({ n: 5, total: 7 }); // 7 rounds of 5 companies, the fund not among them
    expect((await get('?basis=valuation')).body).toMatchObject({ n: 3 });
    expect((await get('?round_type=fund')).body).toMatchObject({ n: 1, total: 500 * M, shares: [{ id: 'x', value: 500 * M }] });
    expect((await get('?round_type=fund&round_type=other')).body).toMatchObject({ n: 1, total: 500 * M }); // the other rounds here have no type
    expect((await get('?basis=rounds&round_type=fund')).body).toMatchObject({ n: 1, total: 1 });
    expect((await getSeries('?round_type=fund')).body.points.map((p: { period: string }) => p.period)).toEqual(['2021']);
    expect((await get('?round_type=series_z')).status).toBe(400);
    expect((await get('?basis=share&round_type=fund')).status).toBe(400);
  });

  it('an empty market is n 0 with no band', async () => {
    expect((await get('?layer=infrastructure')).body).toMatchObject({ n: 0, total: 0, hhi: 0, band: null, equivalentFirms: null, shares: [], gini: 0 });
  });

  it('by investor: each round split equally among its participants, nothing counted twice', async () => {
    const { body } = await get('?by=investor');
    // x 150+300, y 150+100, z 100+100; g-2023 has no participant (unattributed), 2 rounds undisclosed
    expect(body).toMatchObject({ by: 'investor', n: 3, total: 900 * M, excluded: 2, unattributed: 1 });
    expect(body.shares.map((s: { id: string; value: number }) => [s.id, s.value])).toEqual([
      ['x', close(450 * M)],
      ['y', close(250 * M)],
      ['z', close(200 * M)],
    ]);
    expect(body.hhi).toBeCloseTo((10000 * (450 ** 2 + 250 ** 2 + 200 ** 2)) / 900 ** 2, 6);
    // rounds by investor: x .5+1+1, y .5+.5, z .5+1 → 2.5/1/1.5 of 5 → HHI 3,800
    const rounds = (await get('?by=investor&basis=rounds')).body;
    expect(rounds).toMatchObject({ n: 3, total: close(5), unattributed: 2, hhi: close(3800) });
    expect((await get('?by=investor&layer=foundation')).body).toMatchObject({ total: 600 * M, excluded: 1, unattributed: 0 });
  });

  it('basis rounds counts rounds; guidelines 2010 moves the band', async () => {
    const { body } = await get('?basis=rounds'); // a1 2, b2 1, c3 1, d4 2, e5 1 of 7
    expect(body).toMatchObject({ basis: 'rounds', n: 5, total: 7, excluded: 0, band: 'highly' });
    expect(body.hhi).toBeCloseTo((10000 * 11) / 49, 6);
    expect((await get('?basis=rounds&guidelines=2010')).body).toMatchObject({ band: 'moderately', guidelines: '2010', thresholds: { moderate: 1500, high: 2500, delta: 200 } });
  });

  it('basis valuation: latest disclosed post-money as of `to`; firms without one excluded', async () => {
    const all = (await get('?basis=valuation')).body; // a1 3,000 (2023 mark), b2 2,000, c3 1,000; d4 and e5 none
    expect(all).toMatchObject({ n: 3, total: 6000 * M, excluded: 2 });
    expect(all.hhi).toBeCloseTo((10000 * 14) / 36, 6);
    const asOf2022 = (await get('?basis=valuation&to=2022')).body; // a1 1,000, b2 2,000
    expect(asOf2022).toMatchObject({ n: 2, total: 3000 * M, excluded: 0 });
    expect(asOf2022.shares[0]).toMatchObject({ id: 'b2', value: 2000 * M });
  });

  it('basis share: latest period by default; percentages are of the whole market', async () => {
    const latest = (await get('?basis=share&segment=chatbots')).body;
    expect(latest).toMatchObject({ basis: 'share', segment: 'chatbots', period: '2023', shareBasis: 'users', n: 3, coverage: 100, hhi: close(3800) });
    // 2022 names 80 % of the market: HHI 60² + 20² = 4,000 (not scaled up), the rest shown as not attributed
    const y2022 = (await get('?basis=share&segment=chatbots&to=2022')).body;
    expect(y2022).toMatchObject({ period: '2022', n: 2, coverage: close(80), hhi: close(4000), cr: { '1': close(60), '4': close(80) } });
    expect(y2022.shares.at(-1)).toMatchObject({ id: '_unattributed', share: close(20) });
    expect((await get('?basis=share&segment=chatbots&period=2022')).body.hhi).toBeCloseTo(4000, 6);
  });

  it('basis share with raw values: shares of their sum; a missing value is excluded', async () => {
    const { body } = await get('?basis=share&segment=image');
    expect(body).toMatchObject({ period: '2023-Q1', shareBasis: 'revenue', n: 2, total: 40, excluded: 1, coverage: null, hhi: close(625 + 5625) });
    expect((await get('?basis=share&segment=mixed&shareBasis=users')).body).toMatchObject({ n: 1, hhi: close(1600) });
    expect((await get('?basis=share&segment=mixed&shareBasis=spend')).body).toMatchObject({ shareBasis: 'spend', n: 1, coverage: close(20), hhi: close(400) });
    expect((await get('?basis=share&segment=nothing')).body).toMatchObject({ n: 0, period: null });
  });

  it('basis share on web traffic (migration 013): 64.5 % and 21.5 % → HHI 4,622.5, with or without shareBasis', async () => {
    const { body } = await get('?basis=share&segment=web%20visits');
    expect(body).toMatchObject({ segment: 'web visits', period: '2026-01', shareBasis: 'traffic', n: 2, coverage: close(86), hhi: close(64.5 ** 2 + 21.5 ** 2) });
    expect((await get('?basis=share&segment=web%20visits&shareBasis=traffic')).body.hhi).toBeCloseTo(64.5 ** 2 + 21.5 ** 2, 6);
    expect((await get('?basis=share&segment=web%20visits&shareBasis=users')).body).toMatchObject({ n: 0 });
  });

  it('a market-share row with a basis outside the list is refused, naming basis, and nothing is written', async () => {
    for (const basis of ['visits', 'usage']) {
      const body = { id: `s-${basis}`, segment: 'web visits', period: '2026-01', company_id: 'c3', basis, share_pct: 5 };
      const reply = await call(list.POST, '/api/v1/market-shares', { collection: 'market-shares' }, { method: 'POST', body });
      expect(reply.status).toBe(422);
      expect(reply.body.error).toMatchObject({ code: 'invalid_body', issues: [expect.objectContaining({ path: 'basis' })] });
    }
    const rows = await call(list.GET, '/api/v1/market-shares?segment=web%20visits', { collection: 'market-shares' });
    expect(rows.body.rows.map((r: { id: string }) => r.id).sort()).toEqual(['s12', 's13']);
  });

  it('a segment facet carries the Chinese name its rows give (segment_zh), and so do the chips of a chosen segment', async () => {
    const reply = await call(facets.GET, '/api/v1/market-shares/facets?facet=segment', { collection: 'market-shares' });
    const byValue = Object.fromEntries(reply.body.facets.segment.map((f: { value: string }) => [f.value, f]));
    expect(byValue['web visits']).toEqual({ value: 'web visits', count: 2, name: 'web visits', name_zh: '网站访问量' });
    expect(byValue.chatbots).toEqual({ value: 'chatbots', count: 5, name: 'chatbots', name_zh: null });
    const spec = parseQuery(getCollection('market-shares'), new URLSearchParams('segment=web visits&segment=chatbots'));
    expect(await selectedRefNames(t.atlas, spec)).toEqual({ 'web visits': { name: 'web visits', name_zh: '网站访问量' }, chatbots: { name: 'chatbots', name_zh: null } });
  });

  it('top N names the largest and groups the rest', async () => {
    const { body } = await get('?top=2');
    expect(body.shares).toEqual([
      expect.objectContaining({ id: 'a1', share: close(30) }),
      expect.objectContaining({ id: 'b2', share: close(30) }),
      { id: '_others', name: 'Others', name_zh: null, value: 400 * M, share: close(40), count: 2 },
    ]);
    expect(body.hhi).toBeCloseTo(2600, 6); // measures use every firm, not the grouped list
  });

  const bad: [string, string][] = [
    ['?basis=revenue', 'basis'],
    ['?by=fund', 'by'],
    ['?by=investor&basis=valuation', 'by'],
    ['?from=2023-02-30', 'from'],
    ['?to=2023-13', 'to'],
    ['?from=tomorrow', 'from'],
    ['?from=2024&to=2023', 'from'],
    ['?top=0', 'top'],
    ['?top=ten', 'top'],
    ['?guidelines=2020', 'guidelines'],
    ['?basis=share', 'segment'],
    ['?segment=chatbots', 'segment'],
    ['?basis=share&segment=mixed', 'shareBasis'],
    ['?basis=share&segment=chatbots&shareBasis=likes', 'shareBasis'],
    ['?layer=mantle', 'layer'],
    ['?nope=1', 'nope'],
    ['?sort=name', 'sort'],
    ['?basis=funding&basis=rounds', 'basis'],
  ];
  it.each(bad)('%s → 400 naming %s', async (query, param) => {
    const reply = await get(query);
    expect(reply.status).toBe(400);
    expect(reply.body.error.param).toBe(param);
    expect((await getSeries(query)).status).toBe(400);
  });
});

describe('GET /api/v1/concentration/series', () => {
  it('per year', async () => {
    const { status, body } = await getSeries();
    expect(status).toBe(200);
    expect(body.interval).toBe('year');
    expect(body.points).toEqual([
      { period: '2022', hhi: close(5000), cr4: close(100), n: 2, total: 600 * M, excluded: 0, band: 'highly' },
      { period: '2023', hhi: close(5000), cr4: close(100), n: 2, total: 400 * M, excluded: 2, band: 'highly' },
    ]);
  });

  it('per quarter, with a window and filters', async () => {
    const { body } = await getSeries('?interval=quarter&from=2023');
    expect(body.points.map((p: { period: string; n: number; excluded: number }) => [p.period, p.n, p.excluded])).toEqual([
      ['2023-Q1', 1, 0],
      ['2023-Q2', 1, 0],
      ['2023-Q3', 0, 2],
    ]);
    const china = (await getSeries('?region=china')).body.points;
    expect(china.map((p: { period: string; total: number }) => [p.period, p.total])).toEqual([['2022', 300 * M], ['2023', 200 * M]]);
  });

  it('by investor and valuation per period', async () => {
    const inv = (await getSeries('?by=investor')).body.points; // 2022: x 450, y 150; 2023: y 100, z 200
    expect(inv[0]).toMatchObject({ period: '2022', n: 2, total: 600 * M, hhi: close((10000 * (450 ** 2 + 150 ** 2)) / 600 ** 2) });
    expect(inv[1]).toMatchObject({ period: '2023', n: 2, total: 300 * M, excluded: 2 }); // e-2023 and a-2023
    const val = (await getSeries('?basis=valuation')).body.points; // 2022: a1 1,000, b2 2,000; 2023: a1 3,000, c3 1,000; d4, e5 none
    expect(val.map((p: { period: string; total: number; excluded: number }) => [p.period, p.total, p.excluded])).toEqual([
      ['2022', 3000 * M, 0],
      ['2023', 4000 * M, 2],
    ]);
  });

  it('basis share: one point per estimate period', async () => {
    const { body } = await getSeries('?basis=share&segment=chatbots');
    expect(body.points.map((p: { period: string; hhi: number }) => [p.period, p.hhi])).toEqual([['2022', close(4000)], ['2023', close(3800)]]);
  });
});

describe('a series of funding or rounds by company, measured in SQL', () => {
  // seriesPoints sums per period in the database (concentrationSeriesReport on SQLite); marketSeries + buildSeries sum the firms' values.
  const queries = [
    'basis=funding&interval=year',
    'basis=funding&interval=quarter',
    'basis=rounds&interval=year',
    'basis=funding&interval=year&region=china',
    'basis=funding&interval=quarter&from=2023&layer=application',
    'basis=rounds&interval=year&round_type=fund',
    'basis=funding&interval=year&from=2030',
    'basis=rounds&interval=year&from=2021&to=2023&layer=application',
  ];
  it.each(queries)('%s: the same points as from the firms’ values', async (text) => {
    const query = parseConcentrationQuery(new URLSearchParams(text));
    const display = await displayFxOf(t.atlas.db, query.companies.currency);
    const fromFirms = buildSeries(query, await marketSeries(t.atlas, query, display));
    const measured = seriesReport(query, await seriesPoints(t.atlas, query, display));
    expect(measured.points.length).toBe(fromFirms.points.length);
    measured.points.forEach((point, i) => {
      const expected = fromFirms.points[i];
      expect({ ...point, hhi: 0, cr4: 0, total: 0 }).toEqual({ ...expected, hhi: 0, cr4: 0, total: 0 });
      for (const key of ['hhi', 'cr4', 'total'] as const) expect(point[key]).toBeCloseTo(expected[key], 6);
    });
    expect(measured).toEqual({ ...fromFirms, points: measured.points });
  });
});

describe('a report that names a few firms', () => {
  // It reads the values without names and looks up the names of the firms it shows (db/concentration.ts withNames);
  // funding or rounds by company from the kept rows is measured by the database (db/measured-report.ts).
  it.each(['basis=funding', 'basis=rounds', 'basis=rounds&by=investor', 'basis=valuation', 'basis=funding&layer=application', 'basis=funding&from=2022&to=2023', 'basis=rounds&region=china'])(
    '%s: the same report as with every name read',
    async (text) => {
      const query = parseConcentrationQuery(new URLSearchParams(text));
      const all = await concentrationReport(t.atlas, query, null);
      for (const top of [0, 1, 2, 12]) expectSameReport(await concentrationReport(t.atlas, query, top), all, top);
    },
  );
});
