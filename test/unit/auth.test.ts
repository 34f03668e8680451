import { describe, expect, it } from 'vitest';
import { clientAddress, isHttps, ownOrigins, readCookie, requestSource, safeNextPath, sessionCookie } from '../../lib/auth/http';
import { hashPassword, verifyAgainstNothing, verifyPassword } from '../../lib/auth/password';
import { sessionAlive } from '../../lib/auth/policy';
import { allows, roleFor } from '../../lib/auth/roles';
import { newUserSchema, userPatchSchema } from '../../lib/auth/schemas';
import { bearerToken, newApiToken, randomToken, sha256 } from '../../lib/auth/tokens';

const URL_ = 'http://localhost:3000/api/v1/companies';
const h = (init: Record<string, string>) => new Headers(init);

describe('passwords (scrypt)', () => {
  it('hashes with a per-user salt and the parameters in the string', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
    expect(await verifyPassword('Correct horse', a)).toBe(false);
  });

  it('never matches a malformed stored hash, and the stand-in check is always false', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$1$1$x$y', 'bcrypt$2$8$1$abc$def', 'scrypt$99999999$8$1$AAAA$AAAA']) expect(await verifyPassword('x', bad)).toBe(false);
    expect(await verifyAgainstNothing('anything')).toBe(false);
  });

  it('compares Unicode passwords in one normal form', async () => {
    const hash = await hashPassword('pass\u00e9word');
    expect(await verifyPassword('passe\u0301word', hash)).toBe(true);
  });
});

describe('tokens', () => {
  it('are ≥ 128 random bits of base64url; API tokens are prefixed', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newApiToken()).toMatch(/^atlas_[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reads a Bearer header and nothing else', () => {
    expect(bearerToken('Bearer atlas_abc-_1')).toBe('atlas_abc-_1');
    expect(bearerToken('bearer  xyz ')).toBe('xyz');
    for (const bad of [null, '', 'Basic dXNlcg==', 'Bearer', 'Bearer a b', 'Bearer <script>']) expect(bearerToken(bad)).toBeNull();
  });
});

describe('roles', () => {
  it('grant read to viewers, write to editors, admin to admins', () => {
    expect([allows('viewer', 'read'), allows('viewer', 'write'), allows('editor', 'write'), allows('editor', 'admin'), allows('admin', 'admin')]).toEqual([true, false, true, false, true]);
    expect([roleFor('read'), roleFor('write'), roleFor('admin'), roleFor('public')]).toEqual(['viewer', 'editor', 'admin', null]);
  });

  it('validate new users and patches', () => {
    expect(newUserSchema.parse({ email: ' A@Example.COM ', password: 'long enough!', role: 'viewer' }).email).toBe('a@example.com');
    expect(newUserSchema.safeParse({ email: 'a@example.com', password: 'short', role: 'viewer' }).success).toBe(false);
    expect(newUserSchema.safeParse({ email: 'a@example.com', password: 'long enough!', role: 'root' }).success).toBe(false);
    expect(userPatchSchema.safeParse({}).success).toBe(false);
    expect(userPatchSchema.safeParse({ role: 'admin', extra: 1 }).success).toBe(false);
  });
});

describe('cookies and where a request comes from', () => {
  it('reads one cookie out of many, and writes the session cookie with its flags', () => {
    expect(readCookie('atlas_lang=zh; atlas_session=abc_-1; other=x', 'atlas_session')).toBe('abc_-1');
    expect(readCookie('atlas_session=', 'atlas_session')).toBeNull();
    expect(readCookie('xatlas_session=1', 'atlas_session')).toBeNull();
    expect(readCookie('atlas_session=%E0%A4%A', 'atlas_session')).toBeNull();
    expect(sessionCookie('t', { maxAgeSeconds: 60, secure: false })).toBe('atlas_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(sessionCookie('t', { maxAgeSeconds: 60, secure: true })).toMatch(/; Secure$/);
  });

  it('knows https from the URL or the proxy', () => {
    expect(isHttps('https://a.example/x', h({}))).toBe(true);
    expect(isHttps(URL_, h({ 'x-forwarded-proto': 'https, http' }))).toBe(true);
    expect(isHttps(URL_, h({}))).toBe(false);
  });

  it('tells same-origin from cross-site by Sec-Fetch-Site first, then Origin', () => {
    expect(requestSource(URL_, h({ 'sec-fetch-site': 'same-origin' }))).toBe('same-origin');
    expect(requestSource(URL_, h({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' }))).toBe('cross-site');
    expect(requestSource(URL_, h({ 'sec-fetch-site': 'same-site' }))).toBe('cross-site');
    expect(requestSource(URL_, h({ origin: 'http://localhost:3000' }))).toBe('same-origin');
    expect(requestSource(URL_, h({ origin: 'http://localhost:3001' }))).toBe('cross-site');
    expect(requestSource(URL_, h({ origin: 'null' }))).toBe('cross-site');
    expect(requestSource(URL_, h({}))).toBe('unknown');
    expect([...ownOrigins(URL_, h({ 'x-forwarded-host': 'Atlas.Example.org', 'x-forwarded-proto': 'https' }))]).toEqual(['http://localhost:3000', 'https://atlas.example.org']);
    expect(requestSource(URL_, h({ origin: 'https://atlas.example.org', host: 'atlas.example.org', 'x-forwarded-proto': 'https' }))).toBe('same-origin');
  });

  it('takes the client address from the proxy, else "local"', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9');
    expect(clientAddress(h({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddress(h({}))).toBe('local');
  });

  it('returns after sign-in only to paths of this site', () => {
    expect(safeNextPath('/investments?layer=foundation')).toBe('/investments?layer=foundation');
    for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/x\ny']) expect(safeNextPath(bad)).toBe('/');
  });
});

describe('session lifetime', () => {
  const policy = { idleHours: 12, maxHours: 168 };
  const now = new Date('2026-11-28T12:00:00Z');
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  it('ends at the absolute expiry or after the idle timeout', () => {
    expect(sessionAlive({ created_at: at(1), expires_at: at(-100), last_seen_at: at(1) }, policy, now)).toBe(true);
    expect(sessionAlive({ created_at: at(1), expires_at: at(0.01), last_seen_at: at(0) }, policy, now)).toBe(false);
    expect(sessionAlive({ created_at: at(20), expires_at: at(-100), last_seen_at: at(12.5) }, policy, now)).toBe(false);
  });
});
