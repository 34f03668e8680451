// Share links through the real route handlers on a real database (SQLite, or PostgreSQL with ATLAS_TEST_DB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as sData from '../../app/api/v1/s/[token]/route';
import * as shares from '../../app/api/v1/shares/route';
import * as shareOne from '../../app/api/v1/shares/[token]/route';
import * as visit from '../../app/s/[token]/route';
import { sha256 } from '../../lib/auth/tokens';
import { lines, postCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const SAME_ORIGIN = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };
const create = (body: unknown, headers: Record<string, string> = SAME_ORIGIN) => call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body, headers });
const data = (token: string, headers: Record<string, string> = {}) => call(sData.GET, `/api/v1/s/${token}`, { token }, { headers });
const listLinks = async () => (await call(shares.GET, '/api/v1/shares', {})).body.rows as { token: string; status: string; views: number; lastViewedAt: string | null }[];
const patch = (collection: string, id: string, body: unknown) => call(one.PATCH, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'PATCH', body, headers: SAME_ORIGIN });
const open = async (token: string) => {
  const response = await visit.GET(new Request(`http://localhost:3000/s/${token}`), { params: Promise.resolve({ token }) });
  return { status: response.status, location: response.headers.get('location'), cookie: response.headers.get('set-cookie'), text: await response.text() };
};

describe('creating links', () => {
  it('makes a live link with a 256-bit token, stored by its hash', async () => {
    const reply = await create({ path: '/investments?round_type=seed', title: 'Seed rounds' });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body).toMatchObject({ mode: 'live', url: `/s/${reply.body.token}`, title: 'Seed rounds', expiresAt: null, allowCsv: false });
    expect(reply.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.atlas.db.selectFrom('share_links').select(['id', 'path']).where('token', '=', reply.body.token).executeTakeFirstOrThrow();
    expect(stored).toEqual({ id: sha256(reply.body.token), path: '/investments?round_type=seed' });
  });

  it('gives every link its own token', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 12; i++) tokens.add((await create({ path: '/' })).body.token);
    expect(tokens.size).toBe(12);
  });

  it.each([
    ['another site', { path: 'https://evil.example/x' }, 'path'],
    ['a protocol-relative URL', { path: '//evil.example/investments' }, 'path'],
    ['a backslash trick', { path: '/\\evil.example' }, 'path'],
    ['javascript:', { path: 'javascript:alert(1)' }, 'path'],
    ['the API', { path: '/api/v1/companies' }, 'path'],
    ['an editing page', { path: '/companies/new' }, 'path'],
    ['an unknown filter', { path: '/investments?bogus=1' }, 'bogus'],
    ['an unknown parameter of /concentration', { path: '/concentration?bogus=1' }, 'bogus'],
    ['a bad basis of /concentration', { path: '/concentration?basis=vibes' }, 'basis'],
    ['events=2 on /concentration', { path: '/concentration?events=2' }, 'events'],
    ['events=2 on the dashboard', { path: '/?events=2' }, 'events'],
    ['an unknown parameter of /market-map', { path: '/market-map?bogus=1' }, 'bogus'],
    ['an unknown parameter of /network', { path: '/network?bogus=1' }, 'bogus'],
    ['an unknown parameter of /timeline', { path: '/timeline?bogus=1' }, 'bogus'],
    ['alert rules (each row its owner\'s alone)', { path: '/alerts' }, 'path'],
    ['an unknown field', { path: '/', evil: true }, undefined],
    ['an unknown mode', { path: '/', mode: 'frozen' }, 'mode'],
    ['a past expiry', { path: '/', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    ['a malformed expiry', { path: '/', expiresAt: 'next week' }, 'expiresAt'],
    ['an empty title', { path: '/', title: '   ' }, 'title'],
    ['a title over 200 characters', { path: '/', title: 'x'.repeat(201) }, 'title'],
    ['a path over 2,000 characters', { path: `/companies?q=${'a'.repeat(2000)}` }, 'path'],
    ['a control character in the path', { path: '/companies\n?q=a' }, 'path'],
    ['a path that is not text', { path: 42 }, 'path'],
    ['a missing hypothesis', { path: '/hypotheses/no-such-claim' }, undefined],
  ])('refuses %s with a clear error and writes nothing', async (_, body, param) => {
    const before = (await listLinks()).length;
    const reply = await create(body);
    expect([400, 404]).toContain(reply.status);
    expect(reply.body.error.message).toBeTruthy();
    if (param) expect(reply.body.error.param).toBe(param);
    expect((await listLinks()).length).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await call(shares.POST, '/api/v1/shares', {}, { method: 'POST', rawBody: '{"path":', headers: { ...SAME_ORIGIN, 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
  });
});

describe('live and snapshot', () => {
  it('a snapshot stays frozen after edits and an import; a live link follows them', async () => {
    const path = '/companies?sort=name&layer=application';
    const snapshot = (await create({ path, mode: 'snapshot', title: 'Apps' })).body;
    const live = (await create({ path, mode: 'live' })).body;
    const before = await data(snapshot.token);
    expect(before.status).toBe(200);
    expect(before.body.rows.map((r: { name: string }) => r.name)).toEqual(['Harvey', 'Mem']);
    expect(before.body).toMatchObject({ path, mode: 'snapshot', total: 2, asOf: snapshot.createdAt });

    expect((await patch('companies', 'mem', { name: 'Mem Labs' })).status).toBe(200);
    const imported = await postCsv('companies', lines('id,name,kind,layer', 'jasper,Jasper,builder,application'));
    expect(imported.status, imported.text).toBe(200);

    const after = await data(snapshot.token);
    expect(after.body.rows).toEqual(before.body.rows);
    expect(after.body.dataHash).toBe(before.body.dataHash);
    const followed = await data(live.token);
    expect(followed.body.rows.map((r: { name: string }) => r.name)).toEqual(['Harvey', 'Jasper', 'Mem Labs']);
    expect(followed.body.dataHash).not.toBe(before.body.dataHash);
  });

  it('freezes the result of a concentration view', async () => {
    const snapshot = (await create({ path: '/concentration?basis=funding', mode: 'snapshot' })).body;
    const live = (await create({ path: '/concentration?basis=funding' })).body;
    const before = (await data(snapshot.token)).body;
    expect(before.result.kind).toBe('ok');
    const hhi = before.result.view.report.hhi;
    expect((await patch('investments', 'mem-2022', { amount_usd: 500_000_000 })).status).toBe(200);
    expect((await data(snapshot.token)).body.result.view.report.hhi).toBe(hhi);
    expect((await data(live.token)).body.result.view.report.hhi).not.toBe(hhi);
  });
});

describe('CSV download', () => {
  it('exists for tables only', async () => {
    const link = (await create({ path: '/concentration', allowCsv: true })).body;
    const reply = await data(`${link.token}.csv`);
    expect(reply.status).toBe(404);
    expect(reply.body.error.message).toContain('table');
  });

  it('is refused unless the creator allowed it', async () => {
    const link = (await create({ path: '/companies' })).body;
    const reply = await data(`${link.token}.csv`);
    expect(reply.status).toBe(403);
  });

  it('serves a frozen CSV for a snapshot and the current rows for a live link', async () => {
    const snapshot = (await create({ path: '/companies?layer=foundation&columns=id,name', mode: 'snapshot', allowCsv: true })).body;
    const live = (await create({ path: '/companies?layer=foundation&columns=id,name', allowCsv: true })).body;
    expect((await patch('companies', 'baidu', { name: 'Baidu Inc.' })).status).toBe(200);
    const frozen = await data(`${snapshot.token}.csv`);
    expect(frozen.status).toBe(200);
    expect(frozen.headers.get('content-type')).toContain('text/csv');
    expect(frozen.text).toContain('baidu,Baidu\r\n');
    expect(frozen.text.split('\r\n')[0]).toBe('id,name');
    const current = await data(`${live.token}.csv`);
    expect(current.text).toContain('baidu,Baidu Inc.\r\n');
  });
});

describe('revoke and expiry', () => {
  it('a revoked link answers 410, an unknown one 404', async () => {
    const link = (await create({ path: '/' })).body;
    expect((await data(link.token)).status).toBe(200);
    const revoked = await call(shareOne.DELETE, `/api/v1/shares/${link.token}`, { token: link.token }, { method: 'DELETE', headers: SAME_ORIGIN });
    expect(revoked.status).toBe(204);
    expect((await data(link.token)).status).toBe(410);
    const page = await open(link.token);
    expect(page.status).toBe(410);
    expect(page.text).toContain('revoked');
    expect(page.cookie).toBeNull();
    expect((await listLinks()).find((l) => l.token === link.token)?.status).toBe('revoked');
    const unknown = 'A'.repeat(43);
    expect((await data(unknown)).status).toBe(404);
    expect((await open(unknown)).status).toBe(404);
    expect((await open('<script>')).status).toBe(404);
    expect((await call(shareOne.DELETE, `/api/v1/shares/${unknown}`, { token: unknown }, { method: 'DELETE', headers: SAME_ORIGIN })).status).toBe(404);
  });

  it('an expired link answers 410', async () => {
    const link = (await create({ path: '/investments', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).body;
    expect((await data(link.token)).status).toBe(200);
    await t.atlas.db.updateTable('share_links').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('token', '=', link.token).execute();
    expect((await data(link.token)).status).toBe(410);
    const page = await open(link.token);
    expect(page.status).toBe(410);
    expect(page.text).toContain('expired');
  });

  it('counts views and remembers the last one', async () => {
    const link = (await create({ path: '/use-cases' })).body;
    const opened = await open(link.token);
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`/s/${link.token}/view`);
    await data(link.token);
    const row = (await listLinks()).find((l) => l.token === link.token);
    expect(row?.views).toBe(2);
    expect(row?.lastViewedAt).toBeTruthy();
  });
});

describe('visitors (local mode)', () => {
  it('a browser that opened a link may read that link only and write nothing', async () => {
    const link = (await create({ path: '/companies' })).body;
    const other = (await create({ path: '/investments' })).body;
    const opened = await open(link.token);
    expect(opened.cookie).toMatch(new RegExp(`^atlas_visitor=${link.token}; Path=/; HttpOnly; SameSite=Lax`));
    const visitor = { cookie: `atlas_visitor=${link.token}`, ...SAME_ORIGIN };
    expect((await data(link.token, visitor)).status).toBe(200);
    expect((await data(other.token, visitor)).status).toBe(403);
    expect((await call(list.GET, '/api/v1/companies', { collection: 'companies' }, { headers: visitor })).status).toBe(403);
    const write = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { id: 'intruder', name: 'Intruder', kind: 'builder' }, headers: visitor });
    expect(write.status).toBe(403);
    expect((await create({ path: '/' }, visitor)).status).toBe(403);
    expect((await call(shareOne.DELETE, `/api/v1/shares/${link.token}`, { token: link.token }, { method: 'DELETE', headers: visitor })).status).toBe(403);
    expect((await call(one.GET, '/api/v1/companies/intruder', { collection: 'companies', id: 'intruder' })).status).toBe(404);
    expect((await data(link.token)).status).toBe(200);
  });
});
