// Share links in team mode: who may make and revoke them, and what a visitor without an account can do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as sData from '../../app/api/v1/s/[token]/route';
import * as shares from '../../app/api/v1/shares/route';
import * as shareOne from '../../app/api/v1/shares/[token]/route';
import { addUser, browser, ORIGIN, sessionFor } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  for (const role of ['viewer', 'editor', 'admin'] as const) cookies[role] = await sessionFor(t.atlas, (await addUser(t.atlas, `${role}@example.com`, role)).id);
  cookies.editor2 = await sessionFor(t.atlas, (await addUser(t.atlas, 'editor2@example.com', 'editor')).id);
});
afterAll(async () => t.cleanup());

const create = (who: string, body: unknown) => call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body, headers: browser(cookies[who]) });
const revoke = (token: string, headers: Record<string, string>) => call(shareOne.DELETE, `/api/v1/shares/${token}`, { token }, { method: 'DELETE', headers });
const anonymous = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };

describe('share links in team mode', () => {
  it('editors and admins make links; viewers and anonymous callers cannot', async () => {
    expect((await create('viewer', { path: '/' })).status).toBe(403);
    expect((await call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body: { path: '/' }, headers: anonymous })).status).toBe(401);
    const made = await create('editor', { path: '/investments' });
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toBe('editor@example.com');
  });

  it('anyone with the link reads its data without an account; the rest of the API stays closed', async () => {
    const link = (await create('editor', { path: '/companies?layer=foundation' })).body;
    const reply = await call(sData.GET, `/api/v1/s/${link.token}`, { token: link.token });
    expect(reply.status).toBe(200);
    expect(reply.body.rows.length).toBeGreaterThan(0);
    expect((await call(list.GET, '/api/v1/companies', { collection: 'companies' })).status).toBe(401);
    const visitor = { cookie: `atlas_visitor=${link.token}`, ...anonymous };
    const write = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { id: 'x1', name: 'X', kind: 'builder' }, headers: visitor });
    expect(write.status).toBe(403);
    expect((await call(list.GET, '/api/v1/companies', { collection: 'companies' }, { headers: visitor })).status).toBe(403);
  });

  it('a signed-in user who once opened a link keeps their own rights', async () => {
    const link = (await create('editor', { path: '/' })).body;
    const headers = { ...browser(cookies.editor), cookie: `${cookies.editor}; atlas_visitor=${link.token}` };
    expect((await call(list.GET, '/api/v1/companies', { collection: 'companies' }, { headers })).status).toBe(200);
  });

  it('only the creator or an admin revokes a link', async () => {
    const link = (await create('editor', { path: '/use-cases' })).body;
    expect((await revoke(link.token, browser(cookies.editor2))).status).toBe(403);
    expect((await revoke(link.token, browser(cookies.viewer))).status).toBe(403);
    expect((await revoke(link.token, browser(cookies.admin))).status).toBe(204);
    expect((await call(sData.GET, `/api/v1/s/${link.token}`, { token: link.token })).status).toBe(410);
    const own = (await create('editor2', { path: '/use-cases' })).body;
    expect((await revoke(own.token, browser(cookies.editor2))).status).toBe(204);
  });

  it('viewers see the list of links', async () => {
    const reply = await call(shares.GET, '/api/v1/shares', {}, { headers: browser(cookies.viewer) });
    expect(reply.status).toBe(200);
    expect(reply.body.rows.length).toBeGreaterThan(0);
  });
});
