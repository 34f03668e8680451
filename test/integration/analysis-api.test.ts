import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as coinvestments from '../../app/api/v1/coinvestments/route';
import * as marketMap from '../../app/api/v1/market-map/route';
import * as sData from '../../app/api/v1/s/[token]/route';
import * as shares from '../../app/api/v1/shares/route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

// The shared fixtures (OpenAI 1B in 2019 and an undisclosed 2021 round from Microsoft; Harvey's seed 5M with
// the OpenAI Startup Fund and Sequoia; Mem 23.5M with the fund; Zhipu's undated, undisclosed round with Sequoia)
// plus the rounds below. Fund rows (a fund's size, decision 019) must change nothing on either view.
const M = 1_000_000;
const EXTRA = [
  { id: 'harvey-a', company_id: 'harvey', round_type: 'series_a', announced_on: '2023-06-01', amount_usd: 21 * M, investors: ['sequoia', 'openai-startup-fund', 'microsoft'] },
  { id: 'zhipu-b', company_id: 'zhipu-ai', round_type: 'series_b', announced_on: '2023-01-15', amount_usd: 100 * M, investors: ['sequoia', 'microsoft'] },
  { id: 'osf-fund', company_id: 'openai-startup-fund', round_type: 'fund', instrument: 'fund', announced_on: '2021-05-01', amount_usd: 100 * M, investors: ['openai', 'microsoft'] },
  { id: 'harvey-fund', company_id: 'harvey', round_type: 'fund', instrument: 'fund', announced_on: '2023-07-01', amount_usd: 999 * M, investors: ['sequoia', 'microsoft'] },
];

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  for (const body of EXTRA) {
    const reply = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
});
afterAll(async () => t.cleanup());

const map = (query = '') => call(marketMap.GET, `/api/v1/market-map${query}`, {});
const network = (query = '') => call(coinvestments.GET, `/api/v1/coinvestments${query}`, {});

/** layer → vertical → [company id, funding, rounds] */
function shape(body: { layers: { layer: string; total: number; verticals: { vertical: string | null; total: number; companies: { id: string; funding: number | null; rounds: number }[] }[] }[] }) {
  return body.layers.map((l) => ({ layer: l.layer, total: l.total, verticals: l.verticals.map((v) => ({ vertical: v.vertical, total: v.total, companies: v.companies.map((c) => [c.id, c.funding, c.rounds]) })) }));
}

describe('GET /api/v1/market-map', () => {
  it('groups companies with a layer by layer and vertical, sized by disclosed funding, fund rows left out', async () => {
    const { status, body } = await map();
    expect(status).toBe(200);
    expect(body.filters).toEqual({ layer: null, region: null, country: null, from: null, to: null, investor: null, top: 40 });
    expect(shape(body)).toEqual([
      { layer: 'foundation', total: 1100 * M, verticals: [{ vertical: null, total: 1100 * M, companies: [['openai', 1000 * M, 2], ['zhipu-ai', 100 * M, 2]] }] },
      // harvey: 5M seed + 21M series A; its 999M fund row is not money it raised. Baidu and Microsoft have no rounds.
      { layer: 'application', total: 49.5 * M, verticals: [{ vertical: 'legal', total: 26 * M, companies: [['harvey', 26 * M, 2]] }, { vertical: 'notes', total: 23.5 * M, companies: [['mem', 23.5 * M, 1]] }] },
    ]);
    const zhipu = body.layers[0].verticals[0].companies[1];
    expect(zhipu).toEqual({ id: 'zhipu-ai', name: 'Zhipu AI', name_zh: '智谱AI', region: 'china', funding: 100 * M, rounds: 2 });
  });

  it('investor=openai: the portfolio of OpenAI and its fund (children count)', async () => {
    const { body } = await map('?investor=openai');
    expect(shape(body)).toEqual([
      { layer: 'application', total: 49.5 * M, verticals: [{ vertical: 'legal', total: 26 * M, companies: [['harvey', 26 * M, 2]] }, { vertical: 'notes', total: 23.5 * M, companies: [['mem', 23.5 * M, 1]] }] },
    ]);
  });

  it('years narrow the rounds counted and the portfolio; region, country and layer narrow the companies', async () => {
    expect(shape((await map('?investor=sequoia&from=2023')).body)).toEqual([
      { layer: 'foundation', total: 100 * M, verticals: [{ vertical: null, total: 100 * M, companies: [['zhipu-ai', 100 * M, 1]] }] },
      { layer: 'application', total: 21 * M, verticals: [{ vertical: 'legal', total: 21 * M, companies: [['harvey', 21 * M, 1]] }] },
    ]);
    expect(shape((await map('?region=china')).body).flatMap((l) => l.verticals.flatMap((v) => v.companies.map((c) => c[0])))).toEqual(['zhipu-ai']);
    expect(shape((await map('?country=us')).body).flatMap((l) => l.verticals.flatMap((v) => v.companies.map((c) => c[0])))).toEqual(['openai', 'harvey', 'mem']);
    expect((await map('?country=us')).body.filters.country).toBe('US');
    expect(shape((await map('?layer=application&to=2022')).body)).toEqual([
      { layer: 'application', total: 28.5 * M, verticals: [{ vertical: 'notes', total: 23.5 * M, companies: [['mem', 23.5 * M, 1]] }, { vertical: 'legal', total: 5 * M, companies: [['harvey', 5 * M, 1]] }] },
    ]);
  });

  it('top names the most funded companies of each vertical and sums the rest', async () => {
    const { body } = await map('?layer=foundation&top=1');
    expect(body.layers[0].verticals[0]).toMatchObject({ vertical: null, total: 1100 * M, count: 2, companies: [{ id: 'openai' }], others: { companies: 1, funding: 100 * M, rounds: 2 } });
  });

  it('an investor with no portfolio is an empty map, not an error', async () => {
    expect((await map('?investor=no-such-investor')).body.layers).toEqual([]);
  });

  for (const [query, param] of [
    ['?foo=1', 'foo'],
    ['?min=2', 'min'],
    ['?layer=bogus', 'layer'],
    ['?layer=foundation&layer=application', 'layer'],
    ['?region=europe', 'region'],
    ['?country=USA', 'country'],
    ['?from=22', 'from'],
    ['?from=2024&to=2023', 'from'],
    ['?investor=Not%20An%20Id', 'investor'],
    ['?top=0', 'top'],
  ] as const) {
    it(`${query} → 400 naming ${param}`, async () => {
      const { status, body } = await map(query);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'invalid_param', param });
    });
  }
});

describe('GET /api/v1/coinvestments', () => {
  it('pairs sharing at least 2 rounds (the default), counted in SQL; fund rows left out', async () => {
    const { status, body } = await network();
    expect(status).toBe(200);
    expect(body.filters).toEqual({ layer: null, region: null, from: null, to: null, min: 2, investor: null, limit: 200 });
    // Sequoia and the OpenAI Startup Fund share harvey-seed and harvey-a; Microsoft and Sequoia share harvey-a and
    // zhipu-b (their harvey-fund row does not count).
    expect(body.pairs).toEqual([
      { a: 'microsoft', b: 'sequoia', rounds: 2 },
      { a: 'openai-startup-fund', b: 'sequoia', rounds: 2 },
    ]);
    expect(body.totalPairs).toBe(2);
    expect(body.nodes).toEqual([
      { id: 'microsoft', name: 'Microsoft', name_zh: '微软', region: 'overseas', rounds: 4 },
      { id: 'sequoia', name: 'Sequoia', name_zh: null, region: 'overseas', rounds: 4 },
      { id: 'openai-startup-fund', name: 'OpenAI Startup Fund', name_zh: null, region: 'overseas', rounds: 3 },
    ]);
  });

  it('min=1 adds the pairs of one round; the fund rows add none (no OpenAI–Microsoft pair)', async () => {
    const { body } = await network('?min=1');
    expect(body.pairs).toEqual([
      { a: 'microsoft', b: 'sequoia', rounds: 2 },
      { a: 'openai-startup-fund', b: 'sequoia', rounds: 2 },
      { a: 'microsoft', b: 'openai-startup-fund', rounds: 1 },
    ]);
    expect(body.nodes.map((n: { id: string }) => n.id)).not.toContain('openai');
  });

  it('filters: years, the funded company’s layer and region, one investor’s co-investors, limit', async () => {
    const from2023 = (await network('?from=2023&min=1')).body;
    expect(from2023.pairs).toEqual([
      { a: 'microsoft', b: 'sequoia', rounds: 2 },
      { a: 'microsoft', b: 'openai-startup-fund', rounds: 1 },
      { a: 'openai-startup-fund', b: 'sequoia', rounds: 1 },
    ]);
    expect(Object.fromEntries(from2023.nodes.map((n: { id: string; rounds: number }) => [n.id, n.rounds]))).toEqual({ microsoft: 2, sequoia: 2, 'openai-startup-fund': 1 });
    expect((await network('?region=china&min=1')).body.pairs).toEqual([{ a: 'microsoft', b: 'sequoia', rounds: 1 }]);
    expect((await network('?layer=application&min=1')).body.pairs).toEqual([
      { a: 'openai-startup-fund', b: 'sequoia', rounds: 2 },
      { a: 'microsoft', b: 'openai-startup-fund', rounds: 1 },
      { a: 'microsoft', b: 'sequoia', rounds: 1 },
    ]);
    expect((await network('?investor=openai-startup-fund&min=1')).body.pairs).toEqual([
      { a: 'openai-startup-fund', b: 'sequoia', rounds: 2 },
      { a: 'microsoft', b: 'openai-startup-fund', rounds: 1 },
    ]);
    const limited = (await network('?limit=1')).body;
    expect(limited.pairs).toHaveLength(1);
    expect(limited.totalPairs).toBe(2);
    expect(limited.nodes).toHaveLength(2);
    expect((await network('?to=2021')).body).toMatchObject({ pairs: [], nodes: [], totalPairs: 0 });
  });

  for (const [query, param] of [
    ['?bogus=1', 'bogus'],
    ['?country=US', 'country'],
    ['?min=0', 'min'],
    ['?min=two', 'min'],
    ['?limit=100000', 'limit'],
    ['?layer=apps', 'layer'],
    ['?to=20x3', 'to'],
    ['?investor=%3Cscript%3E', 'investor'],
    ['?min=1&min=2', 'min'],
  ] as const) {
    it(`${query} → 400 naming ${param}`, async () => {
      const { status, body } = await network(query);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'invalid_param', param });
    });
  }
});

describe('an investor’s row', () => {
  it('carries its top co-investors with the rounds shared', async () => {
    const { body } = await call(one.GET, '/api/v1/companies/sequoia', { collection: 'companies', id: 'sequoia' });
    expect(body.coInvestors).toEqual([
      { id: 'microsoft', name: 'Microsoft', name_zh: '微软', rounds: 2 },
      { id: 'openai-startup-fund', name: 'OpenAI Startup Fund', name_zh: null, rounds: 2 },
    ]);
    const harvey = await call(one.GET, '/api/v1/companies/harvey', { collection: 'companies', id: 'harvey' });
    expect(harvey.body.coInvestors).toEqual([]);
  });
});

describe('share links of the two views', () => {
  const SAME_ORIGIN = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };
  const create = (body: unknown) => call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body, headers: SAME_ORIGIN });
  const data = (token: string) => call(sData.GET, `/api/v1/s/${token}`, { token });

  it('a snapshot of /network keeps its pairs and its drawing; a live /market-map link follows the data', async () => {
    const network = await create({ path: '/network?min=1&sort=a&order=asc', mode: 'snapshot' });
    expect(network.status, network.text).toBe(201);
    expect(network.body.title).toBe('Co-investor network');
    const frozen = (await data(network.body.token)).body.result;
    expect(frozen.network.pairs).toHaveLength(3);
    expect(frozen.state).toMatchObject({ sort: 'a', order: 'asc' });
    expect(frozen.layout.map((p: { id: string }) => p.id).sort()).toEqual(['microsoft', 'openai-startup-fund', 'sequoia']);

    const map = await create({ path: '/market-map?investor=openai', title: 'OpenAI portfolio' });
    expect(map.status, map.text).toBe(201);
    const before = (await data(map.body.token)).body.result.map.layers[0].total;
    const added = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body: { id: 'mem-2024', company_id: 'mem', announced_on: '2024-01-01', amount_usd: 10 * M, investors: ['openai-startup-fund', 'sequoia'] } });
    expect(added.status).toBe(201);
    expect((await data(map.body.token)).body.result.map.layers[0].total).toBe(before + 10 * M);
    expect((await data(network.body.token)).body.result.network.pairs).toEqual(frozen.network.pairs);
  });

  it('a path the page would refuse is a 400 naming its parameter, and nothing is stored', async () => {
    const stored = async () => (await call(shares.GET, '/api/v1/shares', {})).body.rows.length as number;
    const before = await stored();
    const reply = await create({ path: '/market-map?layer=bogus' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ param: 'layer' });
    expect((await create({ path: '/network?sort=nope' })).body.error).toMatchObject({ param: 'sort' });
    expect(await stored()).toBe(before);
  });
});
