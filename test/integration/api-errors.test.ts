// Every error body carries a machine-readable `code` beside `message` (docs/API.md, "Errors").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as importRoute from '../../app/api/v1/[collection]/import/route';
import * as session from '../../app/api/v1/session/route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';
import { apiRouteFiles, handlersOf } from '../support/routes';
import type { ErrorCode } from '../../lib/errors';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const errorOf = (body: unknown) => (body as { error: { code: string; message: string; param?: string } }).error;

describe('error codes', () => {
  it('an unknown or malformed parameter is invalid_param, naming it', async () => {
    for (const query of ['nope=1', 'amount_usd__gte=abc', 'sort=notes', 'page=0']) {
      const reply = await call(list.GET, `/api/v1/investments?${query}`, { collection: 'investments' });
      expect(reply.status, query).toBe(400);
      expect(errorOf(reply.body), query).toMatchObject({ code: 'invalid_param', param: query.split('=')[0] });
    }
  });

  it('a body that is not JSON is invalid_body; failed validation is invalid_body with issues', async () => {
    const malformed = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body)).toMatchObject({ code: 'invalid_body', message: expect.stringMatching(/JSON/) });
    const invalid = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { name: 'X', kind: 'spaceship' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ error: { code: 'invalid_body', issues: [expect.objectContaining({ path: 'kind' })] } });
  });

  it('not_found, conflict, unsupported_media_type and too_large', async () => {
    const missing = await call(one.GET, '/api/v1/companies/no-such-company', { collection: 'companies', id: 'no-such-company' });
    expect([missing.status, errorOf(missing.body).code]).toEqual([404, 'not_found']);
    const unknown = await call(list.GET, '/api/v1/spaceships', { collection: 'spaceships' });
    expect([unknown.status, errorOf(unknown.body).code]).toEqual([404, 'not_found']);
    const taken = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { id: 'openai', name: 'OpenAI again', kind: 'builder' } });
    expect([taken.status, errorOf(taken.body).code, errorOf(taken.body).param]).toEqual([409, 'conflict', 'id']);
    const referenced = await call(one.DELETE, '/api/v1/companies/openai', { collection: 'companies', id: 'openai' }, { method: 'DELETE' });
    expect([referenced.status, errorOf(referenced.body).code]).toEqual([409, 'conflict']);
    const wrongType = await call(importRoute.POST, '/api/v1/companies/import', { collection: 'companies' }, { method: 'POST', rawBody: 'x', headers: { 'content-type': 'image/png' } });
    expect([wrongType.status, errorOf(wrongType.body).code]).toEqual([415, 'unsupported_media_type']);
    const huge = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', rawBody: `"${'x'.repeat(3 * 1024 * 1024)}"`, headers: { 'content-type': 'application/json' } });
    expect([huge.status, errorOf(huge.body).code]).toEqual([413, 'too_large']);
  });

  it('a JSON body is refused past 1 MB while it streams in, without a Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        controller.enqueue(sent === 1 ? new TextEncoder().encode('{"name":"') : chunk);
        if (sent > 200) controller.close();
      },
    });
    const request = new Request('http://localhost:3000/api/v1/companies', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    const response = await list.POST(request, { params: Promise.resolve({ collection: 'companies' }) });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(40); // stopped reading at about 1 MB of the 12.8 MB offered
    const under = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { name: 'Long notes', kind: 'builder', notes: 'y'.repeat(1000 * 1000) } });
    expect(under.status).toBe(422); // read and validated: the notes are too long, the body was not
  });

  it('signing in while there are no users is a conflict', async () => {
    const reply = await call(session.POST, '/api/v1/session', {}, { method: 'POST', body: { email: 'a@example.com', password: 'long enough password' } });
    expect([reply.status, errorOf(reply.body).code]).toEqual([409, 'conflict']);
  });
});

const KNOWN: readonly ErrorCode[] = ['invalid_param', 'invalid_body', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'gone', 'too_large', 'unsupported_media_type', 'rate_limited', 'internal', 'unavailable'];

it('every route answers malformed input with a known code', async () => {
  const seen: string[] = [];
  let errors = 0;
  for (const route of apiRouteFiles()) {
    for (const [method, handler] of await handlersOf(route)) {
      const params = Object.fromEntries(route.params.map((p) => [p, '%%bad id%%']));
      const url = `${route.pattern.replace(/\{(\w+)\}/g, 'x')}?unknown_parameter=1`;
      const hasBody = !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(method);
      const reply = await call(handler, url, params, { method, ...(hasBody ? { rawBody: '{not json', headers: { 'content-type': 'application/json' } } : {}) });
      if (reply.status < 400) continue;
      errors++;
      const code = (reply.body as { error?: { code?: string } })?.error?.code;
      if (!KNOWN.includes(code as ErrorCode)) seen.push(`${method} ${route.pattern} → ${reply.status} ${reply.text.slice(0, 100)}`);
    }
  }
  expect(seen).toEqual([]);
  expect(errors).toBeGreaterThan(20);
});
