import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as coinvestments from '../../app/api/v1/coinvestments/route';
import * as marketMap from '../../app/api/v1/market-map/route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { call } from '../support/http';

// Issue 20's views over the seed data itself, on each database (the browser test draws them on SQLite).
let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase({ seed: true });
});
afterAll(async () => t.cleanup());

interface Network {
  nodes: { id: string; rounds: number }[];
  pairs: { a: string; b: string; rounds: number }[];
}
interface MapAnswer {
  layers: { verticals: { companies: { id: string; funding: number | null }[] }[] }[];
}

describe('the seed data', () => {
  it('a network in which Google and Nvidia share at least two rounds', async () => {
    const reply = await call(coinvestments.GET, '/api/v1/coinvestments', {});
    expect(reply.status).toBe(200);
    const body = reply.body as Network;
    const pair = body.pairs.find((p) => p.a === 'google' && p.b === 'nvidia');
    expect(pair?.rounds).toBeGreaterThanOrEqual(2);
    expect(body.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['google', 'nvidia']));
  });

  it('the OpenAI portfolio map holds Harvey and not OpenAI itself', async () => {
    const reply = await call(marketMap.GET, '/api/v1/market-map?investor=openai', {});
    expect(reply.status).toBe(200);
    const ids = (reply.body as MapAnswer).layers.flatMap((l) => l.verticals.flatMap((v) => v.companies.map((c) => c.id)));
    expect(ids).toContain('harvey');
    expect(ids).not.toContain('openai');
  });
});
