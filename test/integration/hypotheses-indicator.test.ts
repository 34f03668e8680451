import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as indicatorRoute from '../../app/api/v1/hypotheses/[id]/indicator/route';
import { indicatorValue } from '../../db/indicators';
import { parseIndicator } from '../../lib/concentration';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { loadMarket, MARKET_2022 } from '../support/hypotheses';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  await loadMarket();
  expect((await post({ id: 'h7', code: 'H7', title: 'Base layer concentrates', status: 'open', confidence: 40 })).status).toBe(201);
});
afterAll(async () => t.cleanup());

const post = (body: unknown) => call(list.POST, '/api/v1/hypotheses', { collection: 'hypotheses' }, { method: 'POST', body });
const patch = (id: string, body: unknown) => call(one.PATCH, `/api/v1/hypotheses/${id}`, { collection: 'hypotheses', id }, { method: 'PATCH', body });
const evaluate = (id: string) => call(indicatorRoute.GET, `/api/v1/hypotheses/${id}/indicator`, { id });

const HHI_ABOVE = { basis: 'funding', filters: 'layer=foundation', from: '2022', to: null, metric: 'hhi', threshold: 1800, direction: 'above', label: { en: 'Foundation HHI above 1,800', zh: '基础层 HHI 高于 1800' } };

describe('a hypothesis indicator', () => {
  it('is saved on the hypothesis and evaluated against a hand-computed market', async () => {
    const saved = await patch('h7', { indicator: HHI_ABOVE });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.indicator).toEqual(HHI_ABOVE);
    const { status, body } = await evaluate('h7');
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'ok', hypothesisId: 'h7', label: HHI_ABOVE.label, n: 3, excluded: MARKET_2022.excluded, window: { from: '2022-01-01', to: null } });
    expect(body.query).toBe('from=2022-01-01&layer=foundation');
    expect(body.reading.value).toBeCloseTo(MARKET_2022.hhi, 6);
    expect(body.reading).toMatchObject({ metric: 'hhi', threshold: 1800, direction: 'above', met: true });
    expect(body.trend.map((p: { period: string }) => p.period)).toEqual(['2022', '2023']);
    expect(body.trend[0]).toMatchObject({ value: 10_000, n: 1, met: true });
    expect(body.trend[1].value).toBeCloseTo(MARKET_2022.hhi2023, 6);
  });

  it('reads a threshold on the other side as not met, and the dashboard reader agrees', async () => {
    const saved = await patch('h7', { indicator: { query: 'layer=foundation&from=2022', metric: 'cr4', threshold: 80, direction: 'below' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.indicator).toMatchObject({ basis: 'funding', filters: 'layer=foundation', from: '2022', metric: 'cr4' });
    const { body } = await evaluate('h7');
    expect(body.reading).toMatchObject({ value: MARKET_2022.cr4, met: false });
    const value = await indicatorValue(t.atlas, saved.body.indicator);
    expect(value.kind === 'ok' && value.reading.value).toBe(MARKET_2022.cr4);
    expect(parseIndicator(saved.body.indicator).kind).toBe('ok');
  });

  it.each([
    ['a filter the companies table does not have', { ...HHI_ABOVE, filters: 'planet=mars' }, 'indicator.filters'],
    ['a metric that does not exist', { ...HHI_ABOVE, metric: 'gdp' }, 'indicator.metric'],
    ['no threshold', { ...HHI_ABOVE, threshold: null }, 'indicator.threshold'],
    ['a hostile key', { ...HHI_ABOVE, onerror: 'alert(1)' }, 'indicator.onerror'],
  ])('refuses %s (422) and keeps the saved one', async (_name, indicator, path) => {
    const before = (await call(one.GET, '/api/v1/hypotheses/h7', { collection: 'hypotheses', id: 'h7' })).body.indicator;
    const reply = await patch('h7', { indicator });
    expect(reply.status).toBe(422);
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect((await call(one.GET, '/api/v1/hypotheses/h7', { collection: 'hypotheses', id: 'h7' })).body.indicator).toEqual(before);
  });

  it('is removed with null; an empty market or no indicator reads as such', async () => {
    expect((await patch('h7', { indicator: { ...HHI_ABOVE, filters: 'layer=foundation&country=JP' } })).status).toBe(200);
    const empty = (await evaluate('h7')).body;
    expect(empty).toMatchObject({ kind: 'ok', n: 0, reading: { value: null, met: null }, trend: [] });
    expect((await patch('h7', { indicator: null })).status).toBe(200);
    expect((await evaluate('h7')).body).toEqual({ hypothesisId: 'h7', kind: 'none', trend: [] });
    expect((await evaluate('h-none')).status).toBe(404);
  });
});

describe('confidence history', () => {
  it('is the confidence after each change, from the change log', async () => {
    for (const confidence of [55, 70]) expect((await patch('h7', { confidence })).status).toBe(200);
    const log = (await call(history.GET, '/api/v1/hypotheses/h7/history', { collection: 'hypotheses', id: 'h7' })).body.rows as { after: { confidence: number } }[];
    const values = log.map((e) => e.after.confidence).reverse();
    expect(values[0]).toBe(40);
    expect(values.slice(-2)).toEqual([55, 70]);
  });
});
