// Team mode, access: CSRF on cookie sessions (and cross-site refusal in local mode), API tokens (shown once,
// stored hashed, owner's role, revocation), user administration, and the change log's record of who.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as tokens from '../../app/api/v1/tokens/route';
import * as token from '../../app/api/v1/tokens/[id]/route';
import * as users from '../../app/api/v1/users/route';
import * as user from '../../app/api/v1/users/[id]/route';
import { sha256 } from '../../lib/auth/tokens';
import { addUser, browser, ORIGIN, PASSWORD, sessionFor } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => t.cleanup());

const count = async () => Number((await t.atlas.db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const create = (name: string, headers: Record<string, string>) =>
  call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { name, kind: 'builder' }, headers });
const historyOf = async (id: string, cookie: string) => (await call(history.GET, `/api/v1/companies/${id}/history`, { collection: 'companies', id }, { headers: { cookie } })).body;

describe('local mode', () => {
  it('refuses a write a browser marks as cross-site, and lets scripts and same-origin pages write', async () => {
    const before = await count();
    expect((await create('Evil Corp', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await create('Evil Corp', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await count()).toBe(before);
    expect((await create('Script Co', {})).status).toBe(201);
    expect((await create('Page Co', { origin: ORIGIN })).status).toBe(201);
  });
});

describe('team mode', () => {
  let admin: { id: string; cookie: string };
  let editor: { id: string; cookie: string };
  let viewer: { id: string; cookie: string };
  beforeAll(async () => {
    const make = async (email: string, role: 'admin' | 'editor' | 'viewer') => {
      const u = await addUser(t.atlas, email, role);
      return { id: u.id, cookie: await sessionFor(t.atlas, u.id) };
    };
    admin = await make('admin@example.com', 'admin');
    editor = await make('editor@example.com', 'editor');
    viewer = await make('viewer@example.com', 'viewer');
  });

  describe('CSRF on cookie sessions', () => {
    it('a cross-site write with a valid cookie is 403 and writes nothing', async () => {
      const before = await count();
      const forged: Record<string, string>[] = [
        { cookie: editor.cookie, origin: 'https://evil.example' },
        { cookie: editor.cookie, 'sec-fetch-site': 'cross-site', origin: ORIGIN },
        { cookie: editor.cookie, 'sec-fetch-site': 'same-site' },
        { cookie: editor.cookie, origin: 'null' },
        { cookie: editor.cookie }, // no Origin, no Sec-Fetch-Site: not provably ours
      ];
      for (const headers of forged) {
        const reply = await create('Forged Inc', headers);
        expect(reply.status, JSON.stringify(headers)).toBe(403);
        expect(reply.body.error.message).toMatch(/own pages/);
      }
      expect(await count()).toBe(before);
    });

    it('a same-origin write goes through, by Origin or by Sec-Fetch-Site, also behind a proxy', async () => {
      expect((await create('Origin Co', { cookie: editor.cookie, origin: ORIGIN })).status).toBe(201);
      expect((await create('Fetch Site Co', { cookie: editor.cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
      const proxied = { cookie: editor.cookie, origin: 'https://atlas.example.org', host: 'atlas.example.org', 'x-forwarded-proto': 'https' };
      expect((await create('Proxied Co', proxied)).status).toBe(201);
    });

    it('reads need no Origin', async () => {
      expect((await call(list.GET, '/api/v1/companies', { collection: 'companies' }, { headers: { cookie: viewer.cookie } })).status).toBe(200);
    });
  });

  describe('API tokens', () => {
    let secret: string;
    let id: string;

    it('are created while signed in, shown once, and stored only hashed', async () => {
      const reply = await call(tokens.POST, '/api/v1/tokens', {}, { method: 'POST', body: { name: 'nightly export' }, headers: browser(editor.cookie) });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ id: expect.any(String), name: 'nightly export', token: expect.stringMatching(/^atlas_[A-Za-z0-9_-]{43}$/) });
      ({ token: secret, id } = reply.body);
      const listed = await call(tokens.GET, '/api/v1/tokens', {}, { headers: { cookie: editor.cookie } });
      expect(listed.body.rows).toEqual([{ id, name: 'nightly export', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null }]);
      expect(listed.text).not.toContain(secret);
      const stored = await t.atlas.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(sha256(secret));
    });

    it('act with the owner’s role and need no Origin; the change log records the owner', async () => {
      const reply = await create('Token Co', { authorization: `Bearer ${secret}` });
      expect(reply.status).toBe(201);
      expect((await historyOf(reply.body.id, viewer.cookie)).rows[0]).toMatchObject({ action: 'create', actor: 'editor@example.com' });
      const listed = await call(tokens.GET, '/api/v1/tokens', {}, { headers: { cookie: editor.cookie } });
      expect(listed.body.rows[0].lastUsedAt).toBeTruthy();
    });

    it('cannot mint more tokens, and a malformed or unknown token is 401', async () => {
      const minted = await call(tokens.POST, '/api/v1/tokens', {}, { method: 'POST', body: { name: 'x' }, headers: { authorization: `Bearer ${secret}` } });
      expect(minted.status).toBe(403);
      expect((await create('X', { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
      expect((await create('X', { authorization: 'Bearer atlas_unknown' })).body.error.message).toMatch(/unknown or revoked/);
    });

    it('a viewer’s token reads but cannot write', async () => {
      const reply = await call(tokens.POST, '/api/v1/tokens', {}, { method: 'POST', body: { name: 'notebook' }, headers: browser(viewer.cookie) });
      const bearer = { authorization: `Bearer ${reply.body.token}` };
      expect((await call(list.GET, '/api/v1/companies', { collection: 'companies' }, { headers: bearer })).status).toBe(200);
      expect((await create('Nope', bearer)).status).toBe(403);
    });

    it('only the owner (or an admin) revokes; a revoked token is 401 at once', async () => {
      const del = (tokenId: string, cookie: string) => call(token.DELETE, `/api/v1/tokens/${tokenId}`, { id: tokenId }, { method: 'DELETE', headers: browser(cookie) });
      expect((await del(id, viewer.cookie)).status).toBe(404);
      expect((await del(id, editor.cookie)).status).toBe(204);
      const refused = await create('After Revoke', { authorization: `Bearer ${secret}` });
      expect(refused.status).toBe(401);
      const listed = await call(tokens.GET, '/api/v1/tokens', {}, { headers: { cookie: editor.cookie } });
      expect(listed.body.rows[0].revokedAt).toBeTruthy();
      const other = await call(tokens.POST, '/api/v1/tokens', {}, { method: 'POST', body: { name: 'ci' }, headers: browser(editor.cookie) });
      expect((await del(other.body.id, admin.cookie)).status).toBe(204);
      expect((await create('After Admin Revoke', { authorization: `Bearer ${other.body.token}` })).status).toBe(401);
    });
  });

  describe('user administration', () => {
    const patch = (id: string, body: unknown, cookie = admin.cookie) => call(user.PATCH, `/api/v1/users/${id}`, { id }, { method: 'PATCH', body, headers: browser(cookie) });

    it('an admin adds users (email unique, lower-cased) and lists them without password hashes', async () => {
      const added = await call(users.POST, '/api/v1/users', {}, { method: 'POST', body: { email: 'New@Example.com', password: PASSWORD, role: 'viewer' }, headers: browser(admin.cookie) });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ email: 'new@example.com', role: 'viewer', disabledAt: null });
      const again = await call(users.POST, '/api/v1/users', {}, { method: 'POST', body: { email: 'new@example.com', password: PASSWORD, role: 'editor' }, headers: browser(admin.cookie) });
      expect(again.status).toBe(409);
      const listed = await call(users.GET, '/api/v1/users', {}, { headers: { cookie: admin.cookie } });
      expect(listed.body.rows.map((u: { email: string }) => u.email)).toContain('new@example.com');
      expect(listed.text).not.toMatch(/scrypt|password/);
    });

    it('changes a role, which takes effect on the next request', async () => {
      expect((await create('Before Demotion', browser(editor.cookie))).status).toBe(201);
      expect((await patch(editor.id, { role: 'viewer' })).body.role).toBe('viewer');
      expect((await create('After Demotion', browser(editor.cookie))).status).toBe(403);
      await patch(editor.id, { role: 'editor' });
    });

    it('keeps at least one active admin', async () => {
      const demote = await patch(admin.id, { role: 'editor' });
      expect(demote.status).toBe(409);
      expect(demote.body.error.message).toMatch(/last active admin/);
      expect((await patch(admin.id, { disabled: true })).status).toBe(409);
    });

    it('rejects unknown fields and roles', async () => {
      expect((await patch(viewer.id, { role: 'owner' })).status).toBe(422);
      expect((await patch(viewer.id, { email: 'x@example.com' })).status).toBe(422);
      expect((await patch('usr_nobody', { role: 'editor' })).status).toBe(404);
    });
  });

  it('the change log records the signed-in user’s email', async () => {
    const reply = await create('Attributed Co', browser(editor.cookie));
    expect((await historyOf(reply.body.id, viewer.cookie)).rows[0].actor).toBe('editor@example.com');
  });
});
