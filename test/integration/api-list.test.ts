import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as facets from '../../app/api/v1/[collection]/facets/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as health from '../../app/api/health/route';
import { useTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const get = (collection: string, query = '') => call(list.GET, `/api/v1/${collection}${query}`, { collection });
const ids = (body: { rows: { id: string }[] }) => body.rows.map((r) => r.id);

describe('GET /api/v1/{collection}', () => {
  it('lists with total, page and pageSize', async () => {
    const reply = await get('companies');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ total: 8, page: 1, pageSize: 50 });
    expect(ids(reply.body)).toEqual(['baidu', 'harvey', 'mem', 'microsoft', 'openai', 'openai-startup-fund', 'sequoia', 'zhipu-ai']);
  });

  it('derives region from country', async () => {
    const reply = await get('companies', '?region=china');
    expect(ids(reply.body)).toEqual(['baidu', 'zhipu-ai']);
  });

  it('filters equals and any-of', async () => {
    expect(ids((await get('companies', '?layer=foundation')).body)).toEqual(['baidu', 'openai', 'zhipu-ai']);
    expect((await get('companies', '?layer=foundation&layer=application')).body.total).toBe(5);
  });

  it('filters ranges inclusively on numbers and dates', async () => {
    expect(ids((await get('companies', '?founded_year__gte=2019&founded_year__lte=2019&sort=id')).body)).toEqual(['mem', 'zhipu-ai']);
    expect(ids((await get('investments', '?announced_on__gte=2022-11-01&announced_on__lte=2022-11-23&sort=id')).body)).toEqual(['harvey-seed', 'mem-2022']);
  });

  it('filters __contains case-insensitively and __isnull', async () => {
    expect(ids((await get('companies', '?name__contains=OPEN')).body)).toEqual(['openai', 'openai-startup-fund']);
    expect(ids((await get('investments', '?amount_usd__isnull=1&sort=id')).body)).toEqual(['msft-2021', 'zhipu-a']);
    expect((await get('investments', '?amount_usd__isnull=0')).body.total).toBe(3);
  });

  it('searches q across text columns, Chinese included, and referenced names', async () => {
    expect(ids((await get('companies', '?q=%E6%99%BA%E8%B0%B1')).body)).toEqual(['zhipu-ai']);
    expect(ids((await get('companies', '?q=micro')).body)).toEqual(['microsoft']);
    expect(ids((await get('investments', '?q=harvey')).body)).toEqual(['harvey-seed']);
  });

  it('treats LIKE wildcards in search text literally', async () => {
    expect((await get('companies', '?q=%25')).body.total).toBe(0);
    expect((await get('companies', '?name__contains=_')).body.total).toBe(0);
  });

  it('sorts with nulls last either way and ties broken by id in the same direction', async () => {
    const asc = ids((await get('investments', '?sort=amount_usd&order=asc')).body);
    expect(asc).toEqual(['harvey-seed', 'mem-2022', 'msft-2019', 'msft-2021', 'zhipu-a']);
    const desc = ids((await get('investments', '?sort=amount_usd&order=desc')).body);
    expect(desc).toEqual(['msft-2019', 'mem-2022', 'harvey-seed', 'zhipu-a', 'msft-2021']);
  });

  it('pages, and reports the total on a page past the end', async () => {
    const first = await get('companies', '?pageSize=3&page=1');
    const third = await get('companies', '?pageSize=3&page=3');
    expect(ids(first.body)).toEqual(['baidu', 'harvey', 'mem']);
    expect(ids(third.body)).toEqual(['sequoia', 'zhipu-ai']);
    const beyond = await get('companies', '?pageSize=3&page=9');
    expect(beyond.body).toMatchObject({ rows: [], total: 8, page: 9 });
  });

  it('investor= includes children of the company; lead= only leads', async () => {
    expect(ids((await get('investments', '?investor=openai&sort=id')).body)).toEqual(['harvey-seed', 'mem-2022']);
    expect(ids((await get('investments', '?lead=openai')).body)).toEqual(['harvey-seed']);
    expect(ids((await get('investments', '?lead=sequoia')).body)).toEqual(['zhipu-a']);
    expect(ids((await get('investments', '?investor=sequoia&sort=id')).body)).toEqual(['harvey-seed', 'zhipu-a']);
  });

  it('carries company and participants on investment rows', async () => {
    const row = (await get('investments', '?id=harvey-seed')).body.rows[0];
    expect(row.company).toEqual({ id: 'harvey', name: 'Harvey', name_zh: null });
    expect(row.participants).toEqual([
      { id: 'openai-startup-fund', name: 'OpenAI Startup Fund', name_zh: null, isLead: true },
      { id: 'sequoia', name: 'Sequoia', name_zh: null, isLead: false },
    ]);
    expect(row.lead_investors).toEqual(['openai-startup-fund']);
    expect(row.amount_usd).toBe(5_000_000);
    expect(typeof row.amount_usd).toBe('number');
  });
});

describe('facets', () => {
  it('counts values honouring every filter except the facet’s own', async () => {
    const reply = await call(facets.GET, '/api/v1/companies/facets?facet=layer&facet=region&layer=foundation', { collection: 'companies' });
    expect(reply.status).toBe(200);
    const layer = Object.fromEntries(reply.body.facets.layer.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(layer).toEqual({ foundation: 3, application: 2, infrastructure: 1, null: 2 });
    const region = Object.fromEntries(reply.body.facets.region.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(region).toEqual({ china: 2, overseas: 1 });
  });

  it('counts rounds per investor and per year, with names', async () => {
    const reply = await call(facets.GET, '/api/v1/investments/facets?facet=investor&facet=year', { collection: 'investments' });
    expect(reply.status).toBe(200);
    const investor = reply.body.facets.investor.find((f: { value: string }) => f.value === 'openai-startup-fund');
    expect(investor).toEqual({ value: 'openai-startup-fund', count: 2, name: 'OpenAI Startup Fund', name_zh: null });
    const years = Object.fromEntries(reply.body.facets.year.map((f: { value: string | null; count: number }) => [String(f.value), f.count]));
    expect(years).toEqual({ '2022': 2, '2021': 1, '2019': 1, null: 1 });
    const filtered = await call(facets.GET, '/api/v1/investments/facets?facet=year&announced_on__gte=2022-01-01&investor=sequoia', { collection: 'investments' });
    expect(Object.fromEntries(filtered.body.facets.year.map((f: { value: string | null; count: number }) => [String(f.value), f.count]))).toEqual({ '2022': 1, null: 1 });
  });

  it('rejects a facet on an unknown column', async () => {
    const reply = await call(facets.GET, '/api/v1/companies/facets?facet=nope', { collection: 'companies' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.param).toBe('facet');
  });
});

describe('one row', () => {
  it('returns a company with its related rows', async () => {
    const reply = await call(one.GET, '/api/v1/companies/openai', { collection: 'companies', id: 'openai' });
    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe('OpenAI');
    expect(reply.body.related.investments.company_id.map((r: { id: string }) => r.id).sort()).toEqual(['msft-2019', 'msft-2021']);
    expect(reply.body.related.companies.parent_id.map((r: { id: string }) => r.id)).toEqual(['openai-startup-fund']);
    expect(reply.body.investmentsMade.map((r: { id: string }) => r.id).sort()).toEqual(['harvey-seed', 'mem-2022']);
  });

  it('is 404 for an unknown id or collection', async () => {
    expect((await call(one.GET, '/api/v1/companies/nope', { collection: 'companies', id: 'nope' })).status).toBe(404);
    expect((await get('nope')).status).toBe(404);
    expect((await get('nope')).body.error.message).toMatch(/unknown collection/);
  });
});

describe('bad query parameters are a 400 naming the parameter', () => {
  const cases: [string, string, string][] = [
    ['companies', '?colour=red', 'colour'],
    ['companies', '?name__near=x', 'name__near'],
    ['companies', '?sort=nope', 'sort'],
    ['companies', '?sort=description', 'sort'],
    ['companies', '?order=up', 'order'],
    ['companies', '?founded_year__gte=abc', 'founded_year__gte'],
    ['investments', '?announced_on__gte=2023-02-30', 'announced_on__gte'],
    ['companies', '?pageSize=1001', 'pageSize'],
    ['companies', '?page=0', 'page'],
    ['companies', '?layer=orbital', 'layer'],
    ['companies', '?layer__isnull=maybe', 'layer__isnull'],
    ['companies', '?kind__gte=a', 'kind__gte'],
    ['investments', '?investor=%3Cscript%3E', 'investor'],
    ['companies', '?q=a&q=b', 'q'],
  ];
  it.each(cases)('%s%s', async (collection, query, param) => {
    const reply = await get(collection, query);
    expect(reply.status).toBe(400);
    expect(reply.body.error.param).toBe(param);
    expect(reply.body.error.message).toBeTruthy();
  });
});

it('reports health with the dialect', async () => {
  const reply = await call(health.GET, '/api/health', {});
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ ok: true, db: TEST_DIALECT });
});
