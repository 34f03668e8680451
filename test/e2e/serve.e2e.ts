// How `npm start` (scripts/serve.mjs) writes responses (docs/decisions/037-framework-overhead.md): an answer finished
// within one turn of the event loop leaves in one write, anything longer streams as before. Seen from a client: every
// kind of answer arrives whole, with its headers (security headers included), compressed or not.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, startInstance, waitHealthy, type Instance } from './instance';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-serve-'));
let instance: Instance;

beforeAll(async () => {
  requireBuild();
  instance = await startInstance({ DATABASE_URL: path.join(tmp, 'atlas.db'), ATLAS_SEED: 'on' }, 'serve');
  await waitHealthy(instance);
}, 120_000);
afterAll(async () => {
  await instance?.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A raw HTTP exchange: status, headers and the body's bytes as they came (no decoding by a fetch client). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.once('error', reject);
    });
    request.once('error', reject);
    request.end();
  });
}

describe('npm start writes whole answers', () => {
  it('a JSON list arrives whole, with the API security headers', async () => {
    const { status, headers, body } = await get(`${instance.baseURL}/api/v1/investments?pageSize=5`, { 'accept-encoding': 'identity' });
    expect(status).toBe(200);
    expect(headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cache-control']).toBe('no-store');
    const page = JSON.parse(body.toString('utf8')) as { rows: unknown[]; total: number };
    expect(page.rows).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
  });

  it('the same list compressed on request decodes to the same rows', async () => {
    const plain = await get(`${instance.baseURL}/api/v1/investments?pageSize=50`, { 'accept-encoding': 'identity' });
    const gzip = await get(`${instance.baseURL}/api/v1/investments?pageSize=50`, { 'accept-encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    const body = gzip.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(gzip.body) : gzip.body;
    expect(JSON.parse(body.toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
  });

  it('a page streamed as it renders arrives whole, with its nonce-bearing policy', async () => {
    const { status, headers, body } = await get(`${instance.baseURL}/investments`, { 'accept-encoding': 'identity' });
    expect(status).toBe(200);
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
    const html = body.toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('a CSV export streams whole: a header line and one line per company', async () => {
    const list = JSON.parse((await get(`${instance.baseURL}/api/v1/companies?pageSize=1`, { 'accept-encoding': 'identity' })).body.toString('utf8')) as { total: number };
    const { status, headers, body } = await get(`${instance.baseURL}/api/v1/companies.csv`, { 'accept-encoding': 'identity' });
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^text\/csv/);
    const lines = body.toString('utf8').trimEnd().split(/\r?\n/);
    expect(lines.length).toBeGreaterThanOrEqual(list.total + 1);
  });

  it('HEAD and an error answer carry no stray bytes', async () => {
    const head = await get(`${instance.baseURL}/api/health`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    const missing = await get(`${instance.baseURL}/api/v1/nope`, { 'accept-encoding': 'identity' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString('utf8'))).toMatchObject({ error: { code: 'not_found' } });
  });
});
