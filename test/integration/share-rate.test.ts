// Share-link views are limited per client address (ATLAS_SHARE_RATE a minute), counted in the database so
// the limit holds across app instances: real route handlers on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hitRateLimit } from '../../db/rate-limits';
import * as sData from '../../app/api/v1/s/[token]/route';
import * as shares from '../../app/api/v1/shares/route';
import * as visit from '../../app/s/[token]/route';
import { readEnv } from '../../lib/env';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
let token: string;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  process.env.ATLAS_SHARE_RATE = '5';
  const reply = await call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body: { path: '/investments' }, headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' } });
  expect(reply.status, reply.text).toBe(201);
  token = reply.body.token;
});
afterAll(async () => {
  delete process.env.ATLAS_SHARE_RATE;
  await t.cleanup();
});

const fromAddress = (address: string) => ({ 'x-forwarded-for': `${address}, 10.0.0.1` });
const data = (address: string) => call(sData.GET, `/api/v1/s/${token}`, { token }, { headers: fromAddress(address) });
const open = (address: string) => visit.GET(new Request(`http://localhost:3000/s/${token}`, { headers: fromAddress(address) }), { params: Promise.resolve({ token }) });

describe('share-link views per client address', () => {
  it('answers the views within the limit, then 429 with Retry-After and a rate_limited error, counting both addresses of a link', async () => {
    for (let i = 0; i < 3; i++) expect((await data('203.0.113.1')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await open('203.0.113.1')).status).toBe(303);
    const api = await data('203.0.113.1');
    expect(api.status).toBe(429);
    expect(api.body.error).toMatchObject({ code: 'rate_limited' });
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(api.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const page = await open('203.0.113.1');
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('counts each address on its own', async () => {
    expect((await data('198.51.100.7')).status).toBe(200);
  });

  it('does not count refused views as views of the link', async () => {
    const link = await t.atlas.db.selectFrom('share_links').select('views').where('token', '=', token).executeTakeFirstOrThrow();
    expect(Number(link.views)).toBe(6);
  });

  it('holds when many requests arrive at once (one atomic count per request)', async () => {
    const limit = { limit: 10, windowMs: 60_000 };
    const waits = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(t.atlas.db, 'test:parallel', limit)));
    expect(waits.filter((w) => w === null)).toHaveLength(10);
  });

  it('starts a new window once the last one is over', async () => {
    const limit = { limit: 1, windowMs: 60_000 };
    const start = new Date('2026-01-01T00:00:00Z');
    expect(await hitRateLimit(t.atlas.db, 'test:window', limit, start)).toBeNull();
    expect(await hitRateLimit(t.atlas.db, 'test:window', limit, new Date(start.getTime() + 30_000))).toBe(30);
    expect(await hitRateLimit(t.atlas.db, 'test:window', limit, new Date(start.getTime() + 60_001))).toBeNull();
  });
});

describe('ATLAS_SHARE_RATE', () => {
  it('defaults to 120 and refuses what is not a positive whole number', () => {
    expect(readEnv({}).ATLAS_SHARE_RATE).toBe(120);
    expect(readEnv({ ATLAS_SHARE_RATE: '30' }).ATLAS_SHARE_RATE).toBe(30);
    for (const bad of ['0', '-1', '2.5', 'many']) expect(() => readEnv({ ATLAS_SHARE_RATE: bad })).toThrow(/ATLAS_SHARE_RATE/);
  });
});
