import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as outcomeRoute from '../../app/api/v1/scenarios/[id]/outcome/route';
import * as compareRoute from '../../app/api/v1/scenarios/compare/route';
import { lineDiff, versionsOf } from '../../lib/versions/diff';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { loadMarket, MARKET_2022 } from '../support/hypotheses';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  await loadMarket();
  expect((await post('hypotheses', { id: 'h7', code: 'H7', title: 'Base layer concentrates', status: 'open' })).status).toBe(201);
});
afterAll(async () => t.cleanup());

const post = (collection: string, body: unknown) => call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });
const patch = (id: string, body: unknown) => call(one.PATCH, `/api/v1/scenarios/${id}`, { collection: 'scenarios', id }, { method: 'PATCH', body });
const getScenario = (id: string) => call(one.GET, `/api/v1/scenarios/${id}`, { collection: 'scenarios', id });
const outcome = (id: string) => call(outcomeRoute.GET, `/api/v1/scenarios/${id}/outcome`, { id });
const compare = (query: string) => call(compareRoute.GET, `/api/v1/scenarios/compare?${query}`, {});
const SEGMENT = 'layer=foundation&from=2022';

describe('a scenario under its assumptions', () => {
  it('computes HHI, CR4 and equivalent firms next to today (hand-computed)', async () => {
    const created = await post('scenarios', {
      id: 'sc-bull',
      title: 'Bull: OpenAI pulls ahead',
      kind: 'bull',
      probability: 25,
      horizon: 2025,
      hypothesis_id: 'h7',
      body: '# Bull\n\nAssumption, not a fact.',
      assumptions: { segment: SEGMENT, changes: [{ companyId: 'openai', from: 60, to: 70 }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.assumptions).toEqual({ segment: SEGMENT, changes: [{ companyId: 'openai', from: 60, to: 70 }], rest: 'scaled' });
    const { status, body } = await outcome('sc-bull');
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'ok', scenarioId: 'sc-bull', basis: 'funding', segment: 'from=2022-01-01&layer=foundation', excluded: 1, warnings: [] });
    expect(body.today.hhi).toBeCloseTo(MARKET_2022.hhi, 6);
    // openai 70; anthropic and zhipu share the other 30 in their 30:10 proportion → 22.5 and 7.5.
    const hhi = 70 ** 2 + 22.5 ** 2 + 7.5 ** 2;
    expect(body.scenario.hhi).toBeCloseTo(hhi, 6);
    expect(body.scenario.cr4).toBeCloseTo(100, 6);
    expect(body.scenario.equivalentFirms).toBeCloseTo(10_000 / hhi, 6);
    expect(body.scenario.band).toBe('highly');
    expect(body.shares.map((s: { id: string; scenario: number }) => [s.id, Math.round(s.scenario * 10) / 10])).toEqual([
      ['openai', 70],
      ['anthropic', 22.5],
      ['zhipu-ai', 7.5],
    ]);
  });

  it.each([
    ['a company that does not exist', { segment: SEGMENT, changes: [{ companyId: 'no-such-co', to: 10 }] }, 'assumptions.changes.0.companyId'],
    ['shares over 100 %', { segment: SEGMENT, changes: [{ companyId: 'openai', to: 80 }, { companyId: 'anthropic', to: 30 }] }, 'assumptions.changes'],
    ['a segment that does not parse', { segment: 'layer=mantle', changes: [] }, 'assumptions.segment'],
    ['an unknown key', { segment: SEGMENT, changes: [], script: '<script>' }, 'assumptions.script'],
  ])('refuses %s with a 422', async (_name, assumptions, path) => {
    const reply = await patch('sc-bull', { assumptions });
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('reserves the id "compare" for the compare view', async () => {
    const reply = await post('scenarios', { id: 'compare', title: 'x', kind: 'custom' });
    expect(reply.status).toBe(422);
    expect(reply.body.error.issues[0].path).toBe('id');
  });

  it('without assumptions there is nothing to compute', async () => {
    expect((await post('scenarios', { id: 'sc-empty', title: 'Empty', kind: 'custom' })).status).toBe(201);
    expect((await outcome('sc-empty')).body).toEqual({ scenarioId: 'sc-empty', kind: 'none' });
    expect((await outcome('sc-missing')).status).toBe(404);
  });
});

describe('bull, base and bear side by side', () => {
  beforeAll(async () => {
    const base = { hypothesis_id: 'h7', horizon: 2025 };
    expect((await post('scenarios', { ...base, id: 'sc-base', title: 'Base: as today', kind: 'base', probability: 50, assumptions: { segment: SEGMENT, changes: [] } })).status).toBe(201);
    expect((await post('scenarios', { ...base, id: 'sc-bear', title: 'Bear: challengers catch up', kind: 'bear', probability: 25, assumptions: { segment: SEGMENT, changes: [{ companyId: 'openai', to: 40 }, { companyId: 'zhipu-ai', to: 30 }] } })).status).toBe(201);
  });

  it('orders bull, base, bear and weights by probability', async () => {
    const { status, body } = await compare('hypothesis=h7');
    expect(status).toBe(200);
    expect(body.scenarios.map((s: { id: string }) => s.id)).toEqual(['sc-bull', 'sc-base', 'sc-bear']);
    expect(body.sameSegment).toBe(true);
    const bull = 70 ** 2 + 22.5 ** 2 + 7.5 ** 2;
    const base = MARKET_2022.hhi;
    const bear = 40 ** 2 + 30 ** 2 + 30 ** 2; // anthropic keeps all of the 30 % left
    expect(body.scenarios[2].outcome.scenario.hhi).toBeCloseTo(bear, 6);
    expect(body.expectation.hhi).toBeCloseTo(0.25 * bull + 0.5 * base + 0.25 * bear, 6);
    expect(body.expectation).toMatchObject({ cr4: expect.closeTo(100, 6), probabilityTotal: 100, skipped: 0 });
  });

  it('takes ids in the URL, and refuses bad parameters', async () => {
    expect((await compare('ids=sc-bear,sc-bull')).body.scenarios.map((s: { id: string }) => s.id)).toEqual(['sc-bull', 'sc-bear']);
    expect((await compare('')).status).toBe(400);
    expect((await compare('ids=<script>')).status).toBe(400);
    expect((await compare('ids=a&sort=x')).body.error.param).toBe('sort');
  });
});

describe('versions of a scenario note', () => {
  it('lists versions from the change log, diffs two, and restores one as a new version', async () => {
    expect((await patch('sc-base', { body: 'Line one\nLine two' })).status).toBe(200);
    expect((await patch('sc-base', { body: 'Line one\nLine 2\nLine three', probability: 45 })).status).toBe(200);
    const log = (await call(history.GET, '/api/v1/scenarios/sc-base/history', { collection: 'scenarios', id: 'sc-base' })).body.rows;
    const versions = versionsOf(log);
    expect(versions.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(lineDiff(String(versions[1].row.body), String(versions[2].row.body)).lines.map((l) => l.op)).toEqual(['same', 'del', 'add', 'add']);

    const old = versions[1].row;
    const restore = { title: old.title, kind: old.kind, probability: old.probability, horizon: old.horizon, hypothesis_id: old.hypothesis_id, body: old.body, assumptions: old.assumptions };
    const reply = await patch('sc-base', restore);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect((await getScenario('sc-base')).body).toMatchObject({ body: 'Line one\nLine two', probability: 50 });
    const after = versionsOf((await call(history.GET, '/api/v1/scenarios/sc-base/history', { collection: 'scenarios', id: 'sc-base' })).body.rows);
    expect(after).toHaveLength(4);
    expect(after[3].row).toMatchObject({ body: 'Line one\nLine two', probability: 50 });
  });
});
