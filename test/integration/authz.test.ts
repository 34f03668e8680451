// The authorisation matrix: every route handler under app/api × {anonymous, viewer, editor, admin}, called
// with a real Request, against the rule this file declares for it. A route or method without a rule fails
// here by name, so no new endpoint ships without deciding who may call it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission, Role } from '../../lib/auth/roles';
import { addUser, browser, ORIGIN, sessionFor } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { apiRouteFiles, handlersOf, type Handler, type RouteFile } from '../support/routes';

/** Who may call what: "METHOD /pattern" → the permission it needs. */
const RULES: Record<string, Permission> = {
  'GET /api/health': 'public',
  'GET /api/v1/{collection}': 'read',
  'POST /api/v1/{collection}': 'write',
  'GET /api/v1/{collection}/facets': 'read',
  'GET /api/v1/{collection}/{id}': 'read',
  'PATCH /api/v1/{collection}/{id}': 'write',
  'DELETE /api/v1/{collection}/{id}': 'write',
  'GET /api/v1/{collection}/{id}/history': 'read',
  'GET /api/v1/{collection}/{id}/data': 'read',
  'POST /api/v1/{collection}/{id}/tiles': 'write',
  'GET /api/v1/{collection}/{id}/export.zip': 'read',
  'POST /api/v1/{collection}/import': 'write',
  'GET /api/v1/changes': 'read',
  'POST /api/v1/changes/{id}/undo': 'write',
  'GET /api/v1/concentration': 'read',
  'GET /api/v1/concentration/series': 'read',
  'GET /api/v1/market-map': 'read',
  'GET /api/v1/coinvestments': 'read',
  'GET /api/v1/sources': 'read',
  'GET /api/v1/timeline': 'read',
  'GET /api/v1/imports': 'read',
  'GET /api/v1/hypotheses/{id}/indicator': 'read',
  'GET /api/v1/alerts/{id}/deliveries': 'read',
  'POST /api/v1/alerts/{id}/test': 'read',
  'GET /api/v1/scenarios/{id}/outcome': 'read',
  'GET /api/v1/scenarios/compare': 'read',
  'POST /api/v1/imports/{batchId}/undo': 'write',
  'GET /api/v1/import-jobs': 'read',
  'GET /api/v1/import-jobs/{id}': 'read',
  'DELETE /api/v1/import-jobs/{id}': 'write',
  'GET /api/v1/session': 'public',
  'POST /api/v1/session': 'public',
  'DELETE /api/v1/session': 'public',
  'POST /api/v1/setup': 'public',
  'GET /api/v1/tokens': 'read',
  'POST /api/v1/tokens': 'read',
  'DELETE /api/v1/tokens/{id}': 'read',
  // Issue 18: a viewer follows, reads the inbox and keeps feed tokens.
  'GET /api/v1/follows': 'read',
  'POST /api/v1/follows': 'read',
  'DELETE /api/v1/follows/{id}': 'read',
  'GET /api/v1/inbox': 'read',
  'POST /api/v1/inbox/seen': 'read',
  'GET /api/v1/feed-tokens': 'read',
  'POST /api/v1/feed-tokens': 'read',
  'DELETE /api/v1/feed-tokens/{id}': 'read',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/{id}': 'admin',
  'GET /api/v1/shares': 'read',
  'POST /api/v1/shares': 'write',
  'DELETE /api/v1/shares/{token}': 'write',
  'GET /api/v1/s/{token}': 'public',
};

/** Plausible values for dynamic segments: real enough to reach the handler, never an existing row. */
const PARAM_VALUES: Record<string, string> = { collection: 'companies', id: '987654321', batchId: 'imp-20260101-none', token: 'no-such-token' };
const GRANTS: Record<Role, Permission[]> = { viewer: ['public', 'read'], editor: ['public', 'read', 'write'], admin: ['public', 'read', 'write', 'admin'] };
type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', 'viewer', 'editor', 'admin'];

let t: TestDatabase;
const routes: { route: RouteFile; method: string; handler: Handler; key: string }[] = [];
const ids: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  process.env.ATLAS_SIGNIN_DELAY_MS = '0';
  t = await useTestDatabase();
  for (const route of apiRouteFiles()) {
    for (const [method, handler] of await handlersOf(route)) routes.push({ route, method, handler, key: `${method} ${route.pattern}` });
  }
});
afterAll(async () => t.cleanup());

async function callRoute(entry: (typeof routes)[number], headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const params = Object.fromEntries(entry.route.params.map((p) => [p, PARAM_VALUES[p] ?? 'x']));
  const url = entry.route.pattern.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(params[p]));
  const hasBody = !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(entry.method);
  const request = new Request(new URL(url, ORIGIN), {
    method: entry.method,
    headers: { ...headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? '{}' : undefined,
  });
  const response = await entry.handler(request, { params: Promise.resolve(params) });
  return { status: response.status, text: await response.text() };
}

/** A fresh session for each call, so that a sign-out route in the sweep cannot end the next call's session. */
async function headersFor(caller: Caller): Promise<Record<string, string>> {
  if (caller === 'anonymous') return { origin: ORIGIN, 'sec-fetch-site': 'same-origin' };
  return browser(await sessionFor(t.atlas, ids[caller]!));
}

describe('authorisation rules', () => {
  it('finds the route handlers', () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.map((r) => r.key)).toContain('GET /api/v1/{collection}');
  });

  it('every route and method has a rule (add new ones to RULES in this file)', () => {
    const missing = routes.map((r) => r.key).filter((key) => !(key in RULES));
    expect(missing, `routes without an authorisation rule: ${missing.join(', ')}`).toEqual([]);
  });

  it('every rule names a route that exists', () => {
    const known = new Set(routes.map((r) => r.key));
    expect(Object.keys(RULES).filter((key) => !known.has(key))).toEqual([]);
  });
});

describe('local mode (no users): everyone is the local editor', () => {
  it('no route answers 401 or 403 to an anonymous same-origin or script call', async () => {
    const refused: string[] = [];
    for (const entry of routes) {
      for (const headers of [{}, { origin: ORIGIN }] as Record<string, string>[]) {
        const { status, text } = await callRoute(entry, headers);
        if (status === 401 || status === 403 || status >= 500) refused.push(`${entry.key} → ${status} ${text.slice(0, 120)}`);
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('team mode: every route × anonymous, viewer, editor, admin', () => {
  beforeAll(async () => {
    ids.admin = (await addUser(t.atlas, 'admin@example.com', 'admin')).id;
    ids.editor = (await addUser(t.atlas, 'editor@example.com', 'editor')).id;
    ids.viewer = (await addUser(t.atlas, 'viewer@example.com', 'viewer')).id;
  });

  it('answers each caller as its rule says', async () => {
    const wrong: string[] = [];
    const matrix: string[] = [];
    for (const entry of routes) {
      const rule = RULES[entry.key];
      if (!rule) continue; // reported by the rule test above
      const row: string[] = [];
      for (const caller of CALLERS) {
        const { status, text } = await callRoute(entry, await headersFor(caller));
        const allowed = rule === 'public' || (caller !== 'anonymous' && GRANTS[caller].includes(rule));
        const expected = allowed ? 'allowed' : caller === 'anonymous' ? '401' : '403';
        const ok = allowed ? status !== 401 && status !== 403 && status < 500 : String(status) === expected;
        if (!ok) wrong.push(`${entry.key} as ${caller}: expected ${expected}, got ${status} ${text.slice(0, 160)}`);
        row.push(`${caller}=${status}`);
      }
      matrix.push(`${entry.key.padEnd(42)} [${rule}] ${row.join(' ')}`);
    }
    if (process.env.ATLAS_PRINT_MATRIX) console.log(matrix.join('\n'));
    expect(wrong).toEqual([]);
  });

  it('a 401 and a 403 carry the API error body', async () => {
    const list = routes.find((r) => r.key === 'POST /api/v1/{collection}')!;
    const anonymous = await callRoute(list, await headersFor('anonymous'));
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toEqual({ error: { code: 'unauthenticated', message: expect.stringMatching(/sign in/) } });
    const viewer = await callRoute(list, await headersFor('viewer'));
    expect(viewer.status).toBe(403);
    expect(JSON.parse(viewer.text).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/viewer.*editor/) });
  });
});
