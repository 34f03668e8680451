// Team mode, sessions: first-run setup, sign-in (one 401 for every wrong answer, cookie flags), the failed
// sign-in limit, session expiry (absolute and idle), sign-out, and disabling a user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as session from '../../app/api/v1/session/route';
import * as setup from '../../app/api/v1/setup/route';
import * as user from '../../app/api/v1/users/[id]/route';
import { sha256 } from '../../lib/auth/tokens';
import { addUser, browser, cookieFrom, PASSWORD } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  process.env.ATLAS_SIGNIN_DELAY_MS = '0';
  t = await useTestDatabase();
});
afterAll(async () => t.cleanup());

const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  call(session.POST, '/api/v1/session', {}, { method: 'POST', body: { email, password }, headers });
const companies = (cookie: string) => call(list.GET, '/api/v1/companies', { collection: 'companies' }, { headers: { cookie } });

describe('first-run setup', () => {
  it('local mode: no user, the session endpoint says so, sign-in is not possible', async () => {
    expect((await call(session.GET, '/api/v1/session', {})).body).toEqual({ mode: 'local', user: null });
    expect((await signIn('a@example.com', PASSWORD)).status).toBe(409);
  });

  it('checks the first admin like any new user', async () => {
    const reply = await call(setup.POST, '/api/v1/setup', {}, { method: 'POST', body: { email: 'not an email', password: 'short' } });
    expect(reply.status).toBe(422);
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['email', 'password']);
  });

  it('creates the first admin, signs them in, and closes', async () => {
    const reply = await call(setup.POST, '/api/v1/setup', {}, { method: 'POST', body: { email: ' Admin@Example.com ', password: PASSWORD } });
    expect(reply.status).toBe(201);
    expect(reply.body.user).toMatchObject({ email: 'admin@example.com', role: 'admin' });
    const cookie = `atlas_session=${cookieFrom(reply.headers.get('set-cookie'))}`;
    expect((await call(session.GET, '/api/v1/session', {}, { headers: { cookie } })).body).toMatchObject({ mode: 'team', user: { email: 'admin@example.com', role: 'admin' } });
    const again = await call(setup.POST, '/api/v1/setup', {}, { method: 'POST', body: { email: 'other@example.com', password: PASSWORD } });
    expect(again.status).toBe(409);
  });
});

describe('sign-in', () => {
  beforeAll(async () => {
    await addUser(t.atlas, 'viewer@example.com', 'viewer');
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await signIn('viewer@example.com', 'not the password');
    const unknown = await signIn('nobody@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toBe(unknown.text);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('signs in (email in any case) with an HttpOnly, SameSite=Lax cookie; Secure only behind https', async () => {
    const plain = await signIn('VIEWER@example.com', PASSWORD);
    expect(plain.status).toBe(200);
    expect(plain.body.user).toMatchObject({ email: 'viewer@example.com', role: 'viewer' });
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^atlas_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const https = await signIn('viewer@example.com', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('stores only the hash of the session token', async () => {
    const token = cookieFrom((await signIn('viewer@example.com', PASSWORD)).headers.get('set-cookie'))!;
    const rows = await t.atlas.db.selectFrom('sessions').select('id').execute();
    expect(rows.map((r) => r.id)).toContain(sha256(token));
    expect(rows.map((r) => r.id)).not.toContain(token);
  });

  it('a signed-in viewer reads; without the cookie the same call is 401', async () => {
    const token = cookieFrom((await signIn('viewer@example.com', PASSWORD)).headers.get('set-cookie'));
    expect((await companies(`atlas_session=${token}`)).status).toBe(200);
    expect((await companies('')).status).toBe(401);
    expect((await companies('atlas_session=forged-token')).body.error.message).toMatch(/session has ended/);
  });
});

describe('repeated failed sign-ins', () => {
  it('are answered 429 with Retry-After after 5 failures for one email, even with the right password', async () => {
    await addUser(t.atlas, 'target@example.com', 'editor');
    for (let i = 0; i < 5; i++) expect((await signIn('target@example.com', `guess ${i}`)).status).toBe(401);
    const locked = await signIn('target@example.com', PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(locked.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/too many failed sign-ins: wait 15 minutes/) });
    // Another account is not locked by this one's failures.
    expect((await signIn('viewer@example.com', PASSWORD)).status).toBe(200);
  });

  it('count parallel attempts too (the counter lives in the database)', async () => {
    await addUser(t.atlas, 'parallel@example.com', 'viewer');
    await Promise.all(Array.from({ length: 5 }, (_, i) => signIn('parallel@example.com', `guess ${i}`)));
    expect((await signIn('parallel@example.com', PASSWORD)).status).toBe(429);
  });

  it('lift after the 15-minute window', async () => {
    const old = new Date(Date.now() - 16 * 60_000).toISOString();
    await t.atlas.db.updateTable('sign_in_attempts').set({ window_start: old }).where('key', '=', 'email:target@example.com').execute();
    expect((await signIn('target@example.com', PASSWORD)).status).toBe(200);
  });

  it('are limited per client address as well (20 failures across emails)', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' };
    for (let i = 0; i < 20; i++) expect((await signIn(`spray-${i}@example.com`, 'guess', from)).status).toBe(401);
    expect((await signIn('viewer@example.com', PASSWORD, from)).status).toBe(429);
    expect((await signIn('viewer@example.com', PASSWORD, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
  });
});

describe('session end', () => {
  const fresh = async () => `atlas_session=${cookieFrom((await signIn('viewer@example.com', PASSWORD)).headers.get('set-cookie'))}`;
  const sessionId = (cookie: string) => sha256(cookie.replace('atlas_session=', ''));

  it('a session past its absolute expiry is 401 (and is deleted)', async () => {
    const cookie = await fresh();
    await t.atlas.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', sessionId(cookie)).execute();
    const reply = await companies(cookie);
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toMatch(/session has ended/);
    expect(await t.atlas.db.selectFrom('sessions').select('id').where('id', '=', sessionId(cookie)).executeTakeFirst()).toBeUndefined();
  });

  it('a session idle longer than ATLAS_SESSION_HOURS is 401; use keeps it alive', async () => {
    const cookie = await fresh();
    const seen = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    await t.atlas.db.updateTable('sessions').set({ last_seen_at: seen(11) }).where('id', '=', sessionId(cookie)).execute();
    expect((await companies(cookie)).status).toBe(200);
    const row = await t.atlas.db.selectFrom('sessions').select('last_seen_at').where('id', '=', sessionId(cookie)).executeTakeFirstOrThrow();
    expect(Date.parse(row.last_seen_at)).toBeGreaterThan(Date.now() - 60_000);
    await t.atlas.db.updateTable('sessions').set({ last_seen_at: seen(13) }).where('id', '=', sessionId(cookie)).execute();
    expect((await companies(cookie)).status).toBe(401);
  });

  it('sign-out ends the session on the server and clears the cookie', async () => {
    const cookie = await fresh();
    const out = await call(session.DELETE, '/api/v1/session', {}, { method: 'DELETE', headers: browser(cookie) });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^atlas_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect((await companies(cookie)).status).toBe(401);
    expect((await call(session.GET, '/api/v1/session', {}, { headers: { cookie } })).body).toEqual({ mode: 'team', user: null });
  });

  it('disabling a user ends their sessions and refuses their sign-in with the same 401', async () => {
    const target = await addUser(t.atlas, 'leaver@example.com', 'editor');
    const cookie = `atlas_session=${cookieFrom((await signIn('leaver@example.com', PASSWORD)).headers.get('set-cookie'))}`;
    const admin = `atlas_session=${cookieFrom((await signIn('admin@example.com', PASSWORD)).headers.get('set-cookie'))}`;
    const reply = await call(user.PATCH, `/api/v1/users/${target.id}`, { id: target.id }, { method: 'PATCH', body: { disabled: true }, headers: browser(admin) });
    expect(reply.status).toBe(200);
    expect(reply.body.disabledAt).toBeTruthy();
    expect((await companies(cookie)).status).toBe(401);
    const refused = await signIn('leaver@example.com', PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.text).toBe((await signIn('nobody@example.com', PASSWORD)).text);
  });
});
