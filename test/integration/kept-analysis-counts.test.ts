import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import * as coinvestments from '../../app/api/v1/coinvestments/route';
import * as marketMap from '../../app/api/v1/market-map/route';
import { marketOf, marketSeries, seriesPoints } from '../../db/concentration';
import { DEFERRAL } from '../../db/deferred-indexes';
import { parseConcentrationQuery } from '../../lib/concentration/params';
import { buildSeries, seriesReport } from '../../lib/concentration';
import { getCollection, linkTableOf } from '../../lib/collections';
import { lines, listAll, postCsv, undoImport } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';
import { keptAndCountedAnalysis } from '../support/kept-counts';

// Rounds shared per pair of investors and funding per company, kept by triggers (migration 025, decision 029): after
// every kind of write — create, edit of participants, amount, type (to a fund row and back), date, company, a
// company's layer and country, delete, undo, CSV import small and bulk (indexes rebuilt), its undo, a companies
// import — the kept counts equal those counted from the rows, and the network's and the market map's answers equal
// what is counted here from the listed rounds and companies.

let t: TestDatabase;
const saved = { ...DEFERRAL };
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => {
  Object.assign(DEFERRAL, saved);
  await t.cleanup();
});

const PARTICIPANTS = linkTableOf(getCollection('investments'), 'investors').table;
const WINDOWS = ['', 'min=2', 'layer=application', 'layer=foundation&region=china', 'region=overseas&from=2022', 'to=2022', 'from=2021&to=2023&layer=application', 'from=2030'];

const MAP_WINDOWS = ['', 'from=2022', 'to=2021', 'from=2020&to=2023', 'layer=application', 'region=china&from=2019'];

interface Round {
  id: string;
  amount_usd: number | null;
  company_id: string;
  round_type: string | null;
  announced_on: string | null;
  investors: string[];
}

/** The network's pairs for a query, and the rounds each investor joined, counted here from the listed rounds and companies. */
function expectedNetwork(rounds: Round[], companies: Companies, query: string): { pairs: Record<string, number>; joined: Record<string, number> } {
  const q = new URLSearchParams(query);
  const min = Number(q.get('min') ?? 1);
  const counts: Record<string, number> = {};
  const joined: Record<string, number> = {};
  for (const round of rounds) {
    const company = companies.get(round.company_id);
    const year = round.announced_on ? Number(round.announced_on.slice(0, 4)) : null;
    if (round.round_type === 'fund') continue;
    if (q.get('layer') && company?.layer !== q.get('layer')) continue;
    if (q.get('region') && company?.region !== q.get('region')) continue;
    if (q.get('from') && (year === null || year < Number(q.get('from')))) continue;
    if (q.get('to') && (year === null || year > Number(q.get('to')))) continue;
    const ids = [...round.investors].sort();
    for (const id of ids) joined[id] = (joined[id] ?? 0) + 1;
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) counts[`${ids[i]}|${ids[j]}`] = (counts[`${ids[i]}|${ids[j]}`] ?? 0) + 1;
  }
  return { pairs: Object.fromEntries(Object.entries(counts).filter(([, n]) => n >= min)), joined };
}

type Companies = Map<string, { layer: string | null; region: string | null }>;

/** The market map's companies for a query (`id funding rounds` per company with a layer), counted here. */
function expectedMap(rounds: Round[], companies: Companies, query: string): string[] {
  const q = new URLSearchParams(query);
  const per = new Map<string, { funding: number | null; rounds: number }>();
  for (const round of rounds) {
    const company = companies.get(round.company_id);
    const year = round.announced_on ? Number(round.announced_on.slice(0, 4)) : null;
    if (round.round_type === 'fund' || !company?.layer) continue;
    if ((q.get('layer') && company.layer !== q.get('layer')) || (q.get('region') && company.region !== q.get('region'))) continue;
    if (q.get('from') && (year === null || year < Number(q.get('from')))) continue;
    if (q.get('to') && (year === null || year > Number(q.get('to')))) continue;
    const sum = per.get(round.company_id) ?? { funding: null, rounds: 0 };
    per.set(round.company_id, { funding: round.amount_usd === null ? sum.funding : (sum.funding ?? 0) + Number(round.amount_usd), rounds: sum.rounds + 1 });
  }
  return [...per].map(([id, f]) => `${id} ${f.funding} ${f.rounds}`).sort();
}

async function expectMapRight(rounds: Round[], companies: Companies): Promise<void> {
  for (const query of MAP_WINDOWS) {
    const reply = await call(marketMap.GET, `/api/v1/market-map?top=500${query ? `&${query}` : ''}`, {});
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const answered = (reply.body.layers as { verticals: { companies: { id: string; funding: number | null; rounds: number }[] }[] }[])
      .flatMap((l) => l.verticals.flatMap((v) => v.companies.map((c) => `${c.id} ${c.funding} ${c.rounds}`)))
      .sort();
    expect(answered, `market map ${query}`).toEqual(expectedMap(rounds, companies, query));
  }
}

const MARKET_WINDOWS = ['', 'from=2022', 'to=2021', 'from=2020&to=2023', 'layer=application', 'basis=rounds&region=china', 'basis=rounds&interval=year', 'interval=year&layer=foundation'];

/**
 * Concentration by company reads the kept funding per company and year (db/concentration.ts keptConditions): each
 * market's firms, values and rounds left out equal what is counted here (a year's market for `interval=year`).
 */
async function expectMarketsRight(rounds: Round[], companies: Companies): Promise<void> {
  for (const query of MARKET_WINDOWS) {
    const q = new URLSearchParams(query);
    const parsed = parseConcentrationQuery(q);
    const funding = parsed.basis === 'funding';
    const expected = new Map<string, { value: number | null; undisclosed: number }>();
    for (const round of rounds) {
      const company = companies.get(round.company_id);
      const year = round.announced_on ? round.announced_on.slice(0, 4) : null;
      if (round.round_type === 'fund') continue;
      if ((q.get('layer') && company?.layer !== q.get('layer')) || (q.get('region') && company?.region !== q.get('region'))) continue;
      if ((q.get('from') || q.get('interval')) && (year === null || (q.get('from') && year < q.get('from')!))) continue;
      if (q.get('to') && (year === null || year > q.get('to')!)) continue;
      const key = q.get('interval') ? `${year} ${round.company_id}` : round.company_id;
      const sum = expected.get(key) ?? { value: funding ? null : 0, undisclosed: 0 };
      if (!funding) sum.value = (sum.value ?? 0) + 1;
      else if (round.amount_usd === null) sum.undisclosed += 1;
      else sum.value = (sum.value ?? 0) + Number(round.amount_usd);
      expected.set(key, sum);
    }
    const answered: string[] = [];
    let excluded = 0;
    const markets = q.get('interval') ? await marketSeries(t.atlas, parsed) : [{ period: '', market: await marketOf(t.atlas, parsed) }];
    for (const { period, market } of markets) {
      excluded += market.excluded;
      for (const e of market.entries) answered.push(`${period ? `${period} ` : ''}${e.id} ${e.value}`);
    }
    const wanted = [...expected].filter(([, v]) => v.value !== null).map(([key, v]) => `${key} ${v.value}`);
    expect(answered.sort(), `concentration ${query}`).toEqual(wanted.sort());
    expect(excluded, `concentration ${query}: rounds left out`).toBe([...expected.values()].reduce((n, v) => n + v.undisclosed, 0));
    if (!q.get('interval')) continue;
    // The series SQLite measures in SQL (seriesPoints) reads the same kept rows: its points are those of these markets.
    const measured = seriesReport(parsed, await seriesPoints(t.atlas, parsed, null));
    const fromMarkets = buildSeries(parsed, markets);
    expect(measured.points.map((p) => p.period), `series ${query}`).toEqual(fromMarkets.points.map((p) => p.period));
    measured.points.forEach((point, i) => {
      for (const key of ['hhi', 'cr4', 'total', 'n', 'excluded'] as const) expect(point[key], `series ${query} ${point.period} ${key}`).toBeCloseTo(fromMarkets.points[i][key], 6);
    });
  }
}

async function expectPairsRight(): Promise<void> {
  const { kept, counted } = await keptAndCountedAnalysis(t.atlas);
  expect(kept).toEqual(counted);
  const rounds = await listAll<Round>('investments');
  const companies = new Map((await listAll<{ id: string; layer: string | null; region: string | null }>('companies')).map((c) => [c.id, c]));
  for (const window of WINDOWS) {
    const query = `${window}${window ? '&' : ''}${window.includes('min=') ? '' : 'min=1'}&limit=2000`;
    const reply = await call(coinvestments.GET, `/api/v1/coinvestments?${query}`, {});
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const answered = Object.fromEntries((reply.body.pairs as { a: string; b: string; rounds: number }[]).map((p) => [`${p.a}|${p.b}`, p.rounds]));
    const expected = expectedNetwork(rounds, companies, query);
    expect(answered, window).toEqual(expected.pairs);
    expect(reply.body.totalPairs, window).toBe(Object.keys(expected.pairs).length);
    for (const node of reply.body.nodes as { id: string; rounds: number }[]) expect(node.rounds, `${window}: ${node.id}`).toBe(expected.joined[node.id]);
  }
  await expectMapRight(rounds, companies);
  await expectMarketsRight(rounds, companies);
}

const patch = (collection: string, id: string, body: unknown) => call(one.PATCH, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'PATCH', body });
const ok = (reply: { status: number; body: unknown }, status = 200) => expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(status);

async function undoLatest(collection: string, id: string): Promise<void> {
  const [latest] = (await call(history.GET, `/api/v1/${collection}/${id}/history`, { collection, id })).body.rows;
  ok(await call(undo.POST, `/api/v1/changes/${latest.id}/undo`, { id: String(latest.id) }, { method: 'POST' }));
}

describe('kept pairs and funding follow every write', () => {
  it('create and edit rounds: participants, type (a fund row and back), date, company', async () => {
    const create = (body: unknown) => call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body });
    ok(await create({ id: 'p-1', company_id: 'harvey', round_type: 'series_a', announced_on: '2023-06-01', investors: ['sequoia', 'microsoft', 'openai-startup-fund'] }), 201);
    ok(await create({ id: 'p-2', company_id: 'zhipu-ai', round_type: 'series_b', announced_on: '2022-01-15', investors: ['sequoia', 'microsoft'] }), 201);
    ok(await create({ id: 'p-3', company_id: 'openai', round_type: 'fund', instrument: 'fund', announced_on: '2021-05-01', investors: ['sequoia', 'microsoft'] }), 201);
    await expectPairsRight();
    ok(await patch('investments', 'p-1', { investors: ['sequoia', 'openai'], amount_usd: 7_000_000 }));
    ok(await patch('investments', 'harvey-seed', { amount_usd: null }));
    ok(await patch('investments', 'p-2', { round_type: 'fund', instrument: 'fund' }));
    await expectPairsRight();
    ok(await patch('investments', 'p-2', { round_type: 'series_c', instrument: 'equity' }));
    ok(await patch('investments', 'p-3', { round_type: 'strategic', instrument: 'equity', announced_on: '2020-02-02' }));
    await expectPairsRight();
    ok(await patch('investments', 'p-2', { company_id: 'harvey', announced_on: null }));
    await expectPairsRight();
  });

  it("a company's layer and country (its region) move its rounds' pairs", async () => {
    ok(await patch('companies', 'harvey', { layer: 'foundation', country: 'CN' }));
    await expectPairsRight();
    ok(await patch('companies', 'harvey', { layer: null }));
    await expectPairsRight();
    await undoLatest('companies', 'harvey');
    await undoLatest('companies', 'harvey');
    await expectPairsRight();
  });

  it('delete, undo of a delete and of edits', async () => {
    ok(await call(one.DELETE, '/api/v1/investments/p-1', { collection: 'investments', id: 'p-1' }, { method: 'DELETE' }), 204);
    await expectPairsRight();
    await undoLatest('investments', 'p-1');
    await undoLatest('investments', 'p-2');
    await expectPairsRight();
  });

  it('a participant moved to another investor or round (no app path does it; the triggers still follow)', async () => {
    await sql`update ${sql.table(PARTICIPANTS)} set investor_id = 'openai' where investment_id = 'p-2' and investor_id = 'microsoft'`.execute(t.atlas.db);
    await expectPairsRight();
    await sql`update ${sql.table(PARTICIPANTS)} set investment_id = 'p-3' where investment_id = 'harvey-seed' and investor_id = 'openai-startup-fund'`.execute(t.atlas.db);
    await expectPairsRight();
  });

  it('a small CSV import of rounds and its undo; a companies import that changes layers, and its undo', async () => {
    const rounds = lines('id,company_id,round_type,announced_on,investors', 'csv-1,mem,seed,2024-05-01,sequoia;microsoft;openai', 'p-3,openai,fund,2021-05-01,sequoia;microsoft');
    const reply = await postCsv('investments', rounds, 'mode=upsert');
    expect(reply.body, JSON.stringify(reply.body)).toMatchObject({ inserted: 1, updated: 1 });
    await expectPairsRight();
    ok(await undoImport(reply.body.batchId!));
    await expectPairsRight();
    const companies = lines('id,name,kind,country,layer', 'mem,Mem,builder,CN,foundation', 'harvey,Harvey,builder,US,infrastructure');
    const imported = await postCsv('companies', companies, 'mode=upsert');
    expect(imported.body, JSON.stringify(imported.body)).toMatchObject({ updated: 2 });
    await expectPairsRight();
    ok(await undoImport(imported.body.batchId!));
    await expectPairsRight();
  });

  it('a bulk import (indexes rebuilt, counting triggers off) that creates and updates rounds, and its undo', async () => {
    Object.assign(DEFERRAL, { afterRows: 5, share: 0 });
    const rows = Array.from({ length: 300 }, (_, n) => {
      const investors = ['sequoia;microsoft', 'sequoia;openai;Bulk Capital 1', `Bulk Capital ${n % 4};microsoft`, 'openai'][n % 4];
      return `bulk-${n},${['harvey', 'mem', 'zhipu-ai', 'openai'][n % 4]},${n % 7 === 0 ? 'fund' : 'seed'},20${15 + (n % 10)}-03-0${1 + (n % 9)},${investors}`;
    });
    const csv = lines('id,company_id,round_type,announced_on,investors', ...rows, 'p-2,baidu,series_a,2019-01-01,sequoia;openai-startup-fund;microsoft');
    const reply = await postCsv('investments', csv, 'mode=upsert&createMissing=1');
    expect(reply.body, JSON.stringify(reply.body).slice(0, 300)).toMatchObject({ inserted: 300, updated: 1 });
    await expectPairsRight();
    ok(await undoImport(reply.body.batchId!));
    await expectPairsRight();
    Object.assign(DEFERRAL, saved);
  }, 120_000);
});
