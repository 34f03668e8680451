// The Node route adapter (app/api/_lib/node-route.ts) behind a real node:http server, as the Pages Router runs
// it: the collection handlers on a real database, plus three small handlers of this test for the adapter's own
// cases (cookies, the request's URL, a long streamed body). Next.js's part (routing, req.query) is covered by the browser tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '../../app/api/v1/[collection]/handlers';
import { nodeRoute } from '../../app/api/_lib/node-route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

type Route = ReturnType<typeof nodeRoute>;
const collectionRoute = nodeRoute({ GET, POST }, ['collection']);
const cookieRoute = nodeRoute(
  {
    GET: async () => {
      const headers = new Headers({ 'content-type': 'text/plain' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      return new Response('ok', { headers });
    },
  },
  [],
);
const echoRoute = nodeRoute({ GET: async (request) => Response.json({ url: request.url }) }, []);
const LONG_CHUNKS = 20_000; // 20 MB of 1 kB lines
let produced = 0;
let cancelled = false;
const streamRoute = nodeRoute(
  {
    GET: async () => {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          produced++;
          controller.enqueue(new TextEncoder().encode(`line ${sent}\n`.padEnd(1024, '.')));
          if (++sent === LONG_CHUNKS) controller.close();
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    },
  },
  [],
);

let t: TestDatabase;
let server: http.Server;
let base = '';
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  server = http.createServer((req, res) => {
    const [, , , name = ''] = new URL(req.url ?? '/', 'http://x').pathname.split('/');
    const routes: Record<string, Route> = { cookies: cookieRoute, stream: streamRoute };
    // As Next.js does: the dynamic segment arrives decoded in req.query.
    Object.assign(req, { query: { collection: decodeURIComponent(name) } });
    void (req.url?.endsWith('/echo') ? echoRoute : (routes[name] ?? collectionRoute))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.cleanup();
});

describe('a Pages Router API route serving web handlers', () => {
  it('answers a list exactly as the handler does', async () => {
    const viaNode = await fetch(`${base}/api/v1/companies?layer=foundation&sort=id`);
    const direct = await call(GET, '/api/v1/companies?layer=foundation&sort=id', { collection: 'companies' });
    expect(viaNode.status).toBe(200);
    expect(viaNode.headers.get('content-type')).toBe('application/json');
    expect(viaNode.headers.get('cache-control')).toBe('no-store');
    expect(await viaNode.json()).toEqual(direct.body);
  });

  it('passes errors through with their status and JSON body', async () => {
    const unknown = await fetch(`${base}/api/v1/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { message: 'unknown collection "nope"' } });
    const badParam = await fetch(`${base}/api/v1/companies?bogus=1`);
    expect(badParam.status).toBe(400);
    expect((await badParam.json()).error.param).toBe('bogus');
  });

  it('streams a request body to POST and the CSV export back', async () => {
    const created = await fetch(`${base}/api/v1/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'node-route-co', name: 'Node <b>Route</b>', kind: 'builder' }),
    });
    expect(created.status).toBe(201);
    expect((await created.json()).name).toBe('Node <b>Route</b>');
    const csv = await fetch(`${base}/api/v1/companies.csv?sort=id`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('node-route-co,Node <b>Route</b>');
  });

  it('refuses bad bodies and cross-site changes without writing', async () => {
    const before = (await (await fetch(`${base}/api/v1/companies`)).json()).total;
    const malformed = await fetch(`${base}/api/v1/companies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":' });
    expect(malformed.status).toBe(400);
    const crossSite = await fetch(`${base}/api/v1/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
      body: JSON.stringify({ id: 'cross-site-co', name: 'X', kind: 'builder' }),
    });
    expect(crossSite.status).toBe(403);
    expect((await (await fetch(`${base}/api/v1/companies`)).json()).total).toBe(before);
  });

  it('answers HEAD without a body, OPTIONS with the methods, and 405 for the rest', async () => {
    const head = await fetch(`${base}/api/v1/companies`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const options = await fetch(`${base}/api/v1/companies`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const del = await fetch(`${base}/api/v1/companies`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect((await del.json()).error.message).toMatch(/DELETE is not allowed/);
  });

  it('answers 400 to a Host header that cannot be part of a URL, and keeps a path like //elsewhere on this host', async () => {
    const ask = (headers: Record<string, string>, path = '/api/v1/companies?pageSize=1') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(base);
        const request = http.request({ host: url.hostname, port: url.port, path, headers }, (reply) => {
          let body = '';
          reply.on('data', (chunk: Buffer) => (body += chunk.toString()));
          reply.on('end', () => resolve({ status: reply.statusCode ?? 0, body }));
        });
        request.on('error', reject);
        request.end();
      });
    const bad = await ask({ host: 'bad host' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/Host header/);
    const doubled = await ask({ host: 'localhost:3000' }, '//elsewhere.example/echo');
    expect(JSON.parse(doubled.body).url).toBe('http://localhost:3000//elsewhere.example/echo');
  });

  it('keeps every Set-Cookie header apart', async () => {
    const reply = await fetch(`${base}/api/v1/cookies`);
    expect(reply.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await reply.text()).toBe('ok');
  });

  it('streams a long body whole, and cancels it when the client goes away', async () => {
    const whole = await (await fetch(`${base}/api/v1/stream`)).text();
    expect(whole.length).toBe(LONG_CHUNKS * 1024);
    expect(whole.endsWith(`line ${LONG_CHUNKS - 1}\n`.padEnd(1024, '.'))).toBe(true);

    produced = 0;
    cancelled = false;
    const controller = new AbortController();
    const reply = await fetch(`${base}/api/v1/stream`, { signal: controller.signal });
    const reader = reply.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterLeaving = produced;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(afterLeaving).toBeLessThan(LONG_CHUNKS / 2);
    expect(produced).toBe(afterLeaving);
    expect(cancelled).toBe(true); // the producer was told, not left waiting forever
    // The server is still well after the client left mid-answer.
    expect((await fetch(`${base}/api/v1/companies?pageSize=1`)).status).toBe(200);
  });
});
