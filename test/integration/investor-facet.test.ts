import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/handlers';
import * as facets from '../../app/api/v1/[collection]/facets/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import { lines, postCsv, undoImport } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

// The investor facet counts from the participants' own copies of their round's type and date when the other
// filters are only on those (migration 007), and unfiltered from the rounds-per-investor counts kept by
// triggers (migration 008). Whatever writes a round, its copies and the counts follow, and the facet equals
// the counts from the rounds the list endpoint returns.

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
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from investment_participants p join investments i on i.id = p.investment_id
    where p.round_type is distinct from i.round_type or p.announced_on is distinct from i.announced_on`.execute(t.atlas.db);
  expect(Number(rows[0].n)).toBe(0);
  // The counts kept by triggers (migration 008) equal those counted from the participants.
  const kept = await sql<{ investor_id: string; n: number | string }>`select investor_id, rounds as n from investor_round_counts where rounds <> 0`.execute(t.atlas.db);
  const counted = await sql<{ investor_id: string; n: number | string }>`select investor_id, count(*) as n from investment_participants group by investor_id`.execute(t.atlas.db);
  const byInvestor = (found: { rows: { investor_id: string; n: number | string }[] }) => Object.fromEntries(found.rows.map((r) => [r.investor_id, Number(r.n)]));
  expect(byInvestor(kept)).toEqual(byInvestor(counted));
  for (const query of QUERIES) expect(await facetCounts(query), query).toEqual(await countedFromRounds(query));
}

const patch = (id: string, body: unknown) => call(one.PATCH, `/api/v1/investments/${id}`, { collection: 'investments', id }, { method: 'PATCH', body });

describe('investor facet counts follow every write to a round', () => {
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
