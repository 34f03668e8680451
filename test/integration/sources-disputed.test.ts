// Issue 21 parts 3 and 7 through the real route handlers: a disputed round (a `flag` column) is written, filtered,
// counted, exported and imported; GET /api/v1/sources counts rows per source domain and confidence and lists the
// disputed figures with the addresses their notes cite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as facets from '../../app/api/v1/[collection]/facets/route';
import * as sources from '../../app/api/v1/sources/route';
import { urlsIn } from '../../db/sources';
import { getCsv, postCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

const DISPUTED = {
  id: 'anthropic-2023-google',
  company_id: 'openai',
  round_type: 'strategic',
  amount_usd: 300_000_000,
  disputed: true,
  notes: 'Disputed: USD 400M per https://www.axios.com/pro/a and USD 550M per The Information.',
  source_url: 'https://www.example.com/news/google-anthropic',
  confidence: 'reported',
};

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  const reply = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body: DISPUTED });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  const other = await call(one.PATCH, '/api/v1/investments/mem-2022', { collection: 'investments', id: 'mem-2022' }, { method: 'PATCH', body: { source_url: 'https://example.com/mem-raises', confidence: 'verified' } });
  expect(other.status, JSON.stringify(other.body)).toBe(200);
});
afterAll(async () => t.cleanup());

describe('the disputed flag', () => {
  it('is stored as 1 (true accepted), is 0 by default, and rejects anything else', async () => {
    expect((await call(one.GET, '/api/v1/investments/anthropic-2023-google', { collection: 'investments', id: 'anthropic-2023-google' })).body.disputed).toBe(1);
    expect((await call(one.GET, '/api/v1/investments/msft-2019', { collection: 'investments', id: 'msft-2019' })).body.disputed).toBe(0);
    const bad = await call(one.PATCH, '/api/v1/investments/msft-2019', { collection: 'investments', id: 'msft-2019' }, { method: 'PATCH', body: { disputed: 2 } });
    expect(bad.status).toBe(422);
  });

  it('filters and counts', async () => {
    const rows = (await call(list.GET, '/api/v1/investments?disputed=1', { collection: 'investments' })).body.rows;
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['anthropic-2023-google']);
    expect((await call(list.GET, '/api/v1/investments?disputed=yes', { collection: 'investments' })).status).toBe(400);
    const counts = (await call(facets.GET, '/api/v1/investments/facets?facet=disputed', { collection: 'investments' })).body.facets;
    expect(counts.disputed).toEqual(expect.arrayContaining([{ value: 0, count: 5 }, { value: 1, count: 1 }]));
  });

  it('goes out in the CSV export and back in through the import', async () => {
    const csv = (await getCsv('investments')).text;
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const at = header.split(',').indexOf('disputed');
    expect(at).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith('anthropic-2023-google,'))?.split(',')[at]).toBe('1');
    const cleared = await postCsv('investments', 'id,company_id,disputed\nanthropic-2023-google,openai,0\nmsft-2019,openai,true\n');
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    const rows = (await call(list.GET, '/api/v1/investments?disputed=1', { collection: 'investments' })).body.rows;
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['msft-2019']);
    await postCsv('investments', 'id,company_id,disputed\nanthropic-2023-google,openai,1\nmsft-2019,openai,\n');
  });
});

describe('GET /api/v1/sources', () => {
  it('counts rows per domain and confidence, and lists the disputed figures with their competing sources', async () => {
    const { status, body } = await call(sources.GET, '/api/v1/sources', {});
    expect(status).toBe(200);
    expect(body.domains).toEqual([
      { domain: 'example.com', rows: 2, byCollection: { investments: 2 }, byConfidence: { reported: 1, verified: 1 } },
    ]);
    expect(body.collections).toEqual(expect.arrayContaining([{ id: 'investments', rows: 6, withoutSource: 4 }, { id: 'companies', rows: 8, withoutSource: 8 }]));
    expect(body.confidence).toMatchObject({ reported: 1, verified: 1 });
    expect(body.disputed).toHaveLength(1);
    expect(body.disputed[0]).toMatchObject({
      collection: 'investments',
      id: 'anthropic-2023-google',
      company: { id: 'openai', name: 'OpenAI' },
      amount_usd: 300_000_000,
      source_url: DISPUTED.source_url,
      competing: ['https://www.axios.com/pro/a'],
    });
  });
});

describe('urlsIn', () => {
  it('finds full addresses and bare host names (with a path) in a note, each once, and nothing else', () => {
    const note = 'Disputed: d-nvest.com gives USD 13.8B; a summary (reportify.ai/social-media/76) and https://www.axios.com/pro/a, per U.S. sources, e.g. The Information.';
    expect(urlsIn(note)).toEqual(['https://d-nvest.com', 'https://reportify.ai/social-media/76', 'https://www.axios.com/pro/a']);
  });
});
