import { sql } from 'kysely';
import { getCollection, linkTableOf } from '../../lib/collections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as facets from '../../app/api/v1/[collection]/facets/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import { lines, postCsv, undoImport } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { keptAndCounted } from '../support/kept-counts';
import { call } from '../support/http';

// The investor facet counts from the participants' own copies of their round's type and date when the other
// filters are only on those (migration 007), and unfiltered from the rounds-per-investor counts kept by
// triggers (migration 008); the other unfiltered facets of rounds read the counts per value kept by triggers
// (migration 009). Whatever writes a round, its copies and the counts follow, and every facet equals the
// counts from the rounds the list endpoint returns.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const QUERIES = [
  '',
  'round_type=seed',
  'round_type=seed&round_type=series_a&round_type=strategic',
  'announced_on__gte=2022-01-01',
  'round_type=strategic&announced_on__lte=2020-12-31',
  'announced_on__isnull=1',
  'round_type=series_a&announced_on__isnull=0',
  // Not from the copies alone: the rounds are looked up.
  'amount_usd__gte=1000000&round_type=seed&round_type=other',
  'q=harvey',
];

type Counts = Record<string, number>;

async function facetCounts(query: string): Promise<Counts> {
  const url = `/api/v1/investments/facets?facet=investor${query ? `&${query}` : ''}`;
  const reply = await call(facets.GET, url, { collection: 'investments' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return Object.fromEntries(reply.body.facets.investor.map((f: { value: string; count: number }) => [f.value, f.count]));
}

/** The same counts from the rounds that the list endpoint returns for the query. */
async function countedFromRounds(query: string): Promise<Counts> {
  const reply = await call(list.GET, `/api/v1/investments?pageSize=1000${query ? `&${query}` : ''}`, { collection: 'investments' });
  const counts: Counts = {};
  for (const row of reply.body.rows as { investors: string[] }[]) for (const id of row.investors) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

async function expectCopiesRight(): Promise<void> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(linkTableOf(getCollection('investments'), 'investors').table)} p join investments i on i.id = p.investment_id
    where p.round_type is distinct from i.round_type or p.announced_on is distinct from i.announced_on`.execute(t.atlas.db);
  expect(Number(rows[0].n)).toBe(0);
  for (const query of QUERIES) expect(await facetCounts(query), query).toEqual(await countedFromRounds(query));
  await expectKeptCountsRight();
}

/** The facet keys that read the counts of migration 009 unfiltered. */
const UNFILTERED_KEYS = ['company_id', 'round_type', 'instrument', 'confidence', 'year'];

async function expectKeptCountsRight(): Promise<void> {
  const { kept, counted } = await keptAndCounted(t.atlas);
  expect(kept).toEqual(counted);
  const query = UNFILTERED_KEYS.map((key) => `facet=${key}`).join('&');
  // A filter on the facet's own column leaves it unfiltered: it reads the kept counts too.
  const rounds = (await call(list.GET, '/api/v1/investments?pageSize=1000', { collection: 'investments' })).body.rows as Record<string, unknown>[];
  for (const url of [`/api/v1/investments/facets?${query}`, '/api/v1/investments/facets?facet=round_type&round_type=seed']) {
    const reply = await call(facets.GET, url, { collection: 'investments' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    for (const [key, values] of Object.entries(reply.body.facets as Record<string, { value: string | null; count: number }[]>)) {
      const expected: Record<string, number> = {};
      for (const round of rounds) {
        const raw = key === 'year' ? (round.announced_on as string | null)?.slice(0, 4) : round[key];
        const value = String(raw ?? null);
        expected[value] = (expected[value] ?? 0) + 1;
      }
      expect(Object.fromEntries(values.map((v) => [String(v.value), v.count])), `${url}: ${key}`).toEqual(expected);
      // Years newest first (where the null year goes is the dialect's), other values most rounds first.
      const order = key === 'year' ? values.filter((v) => v.value !== null).map((v) => v.value) : values.map((v) => v.count);
      const sorted = key === 'year' ? [...order].sort().reverse() : [...order].sort((a, b) => Number(b) - Number(a));
      expect(order, `${url}: ${key} in order`).toEqual(sorted);
    }
  }
}

const patch = (id: string, body: unknown) => call(one.PATCH, `/api/v1/investments/${id}`, { collection: 'investments', id }, { method: 'PATCH', body });

describe('facet counts follow every write to a round', () => {
  it('after the rounds are created', async () => {
    expect(await facetCounts('round_type=seed&round_type=series_a')).toEqual({ 'openai-startup-fund': 1, sequoia: 2 });
    await expectCopiesRight();
  });

  it('after a round changes type and date, and its investors', async () => {
    expect((await patch('harvey-seed', { round_type: 'series_a', announced_on: '2019-01-02' })).status).toBe(200);
    expect((await patch('zhipu-a', { investors: ['sequoia', 'microsoft'] })).status).toBe(200);
    expect(await facetCounts('round_type=series_a')).toEqual({ 'openai-startup-fund': 1, sequoia: 2, microsoft: 1 });
    await expectCopiesRight();
  });

  it('after an undo of those changes, and a delete and its undo', async () => {
    const [latest] = (await call(history.GET, '/api/v1/investments/harvey-seed/history', { collection: 'investments', id: 'harvey-seed' })).body.rows;
    expect((await call(undo.POST, `/api/v1/changes/${latest.id}/undo`, { id: String(latest.id) }, { method: 'POST' })).status).toBe(200);
    expect((await call(one.DELETE, '/api/v1/investments/mem-2022', { collection: 'investments', id: 'mem-2022' }, { method: 'DELETE' })).status).toBe(204);
    await expectCopiesRight();
    const [deletion] = (await call(history.GET, '/api/v1/investments/mem-2022/history', { collection: 'investments', id: 'mem-2022' })).body.rows;
    expect((await call(undo.POST, `/api/v1/changes/${deletion.id}/undo`, { id: String(deletion.id) }, { method: 'POST' })).status).toBe(200);
    await expectCopiesRight();
  });

  it('after a CSV import that adds rounds and changes others, and after its undo', async () => {
    const csv = lines(
      'id,company_id,round_type,announced_on,investors',
      'csv-1,harvey,seed,2024-05-01,sequoia;microsoft',
      'msft-2021,openai,series_b,2021-06-30,microsoft',
    );
    const reply = await postCsv('investments', csv, 'mode=upsert');
    expect(reply.body, JSON.stringify(reply.body)).toMatchObject({ inserted: 1, updated: 1 });
    expect(await facetCounts('round_type=series_b')).toEqual({ microsoft: 1 });
    await expectCopiesRight();
    expect((await undoImport(reply.body.batchId!)).status).toBe(200);
    expect(await facetCounts('round_type=series_b')).toEqual({});
    await expectCopiesRight();
  });
});

describe('unfiltered facets of rounds', () => {
  it('read the kept counts, not the rounds', async () => {
    const seed = sql`column_id = 'round_type' and value = 'seed'`;
    // PostgreSQL keeps the counts in a table that a view adds the writers' deltas to (migration 020): shift it so that the count read is 99.
    const kept = sql.table(t.atlas.dialect === 'postgres' ? 'investment_facet_counts_kept' : 'investment_facet_counts');
    const { rows } = await sql<{ rounds: number }>`select rounds from investment_facet_counts where ${seed}`.execute(t.atlas.db);
    const shift = 99 - Number(rows[0].rounds);
    await sql`update ${kept} set rounds = rounds + ${shift} where ${seed}`.execute(t.atlas.db);
    try {
      const reply = await call(facets.GET, '/api/v1/investments/facets?facet=round_type', { collection: 'investments' });
      expect(reply.body.facets.round_type[0]).toEqual({ value: 'seed', count: 99 });
      const filtered = await call(facets.GET, '/api/v1/investments/facets?facet=round_type&announced_on__gte=1900-01-01', { collection: 'investments' });
      expect(filtered.body.facets.round_type).not.toContainEqual({ value: 'seed', count: 99 });
    } finally {
      await sql`update ${kept} set rounds = rounds - ${shift} where ${seed}`.execute(t.atlas.db);
    }
  });
});
