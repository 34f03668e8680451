// Milestones (issue 20, part 2) through the real route handlers on a real database (SQLite, or PostgreSQL with
// ATLAS_TEST_DB): the events collection gets the generic table API (list, filters, facets, writes, history, undo,
// CSV), GET /api/v1/timeline answers the milestones of a window with funding per quarter, and views that mark
// milestones (the dashboard, /concentration, a hypothesis, /timeline) share with their milestones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as facets from '../../app/api/v1/[collection]/facets/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import * as sData from '../../app/api/v1/s/[token]/route';
import * as shares from '../../app/api/v1/shares/route';
import * as timeline from '../../app/api/v1/timeline/route';
import { getCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

const SAME_ORIGIN = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };
const SOURCE = 'https://example.com/news/milestone';
const EVENTS = [
  { id: 'chatgpt', date: '2022-11-30', date_precision: 'day', title: 'ChatGPT launched', title_zh: 'ChatGPT 上线', kind: 'product', company_id: 'openai', source_url: SOURCE, confidence: 'verified' },
  { id: 'rules', date: '2023-08-15', date_precision: 'day', title: 'Interim measures take effect', kind: 'policy', source_url: SOURCE, confidence: 'reported' },
  { id: 'alexnet', date: '2012-01-01', date_precision: 'year', title: 'AlexNet wins ImageNet', kind: 'model', source_url: SOURCE },
  { id: 'gpt-4', date: '2023-03-14', date_precision: 'day', title: 'GPT-4 released', kind: 'model', company_id: 'openai', source_url: SOURCE },
  { id: 'ernie', date: '2023-03-16', date_precision: 'day', title: 'ERNIE Bot launched', title_zh: '文心一言发布', kind: 'product', company_id: 'baidu', source_url: SOURCE },
];

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  for (const event of EVENTS) {
    const reply = await call(list.POST, '/api/v1/events', { collection: 'events' }, { method: 'POST', body: event, headers: SAME_ORIGIN });
    expect(reply.status, reply.text).toBe(201);
  }
});
afterAll(async () => t.cleanup());

const events = (query = '') => call(list.GET, `/api/v1/events${query}`, { collection: 'events' });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const tl = (query = '') => call(timeline.GET, `/api/v1/timeline${query}`, {});

describe('the events collection', () => {
  it('lists milestones newest first, with the company they name, and filters them by kind, date and company', async () => {
    const all = await events();
    expect(all.status).toBe(200);
    expect(ids(all.body.rows)).toEqual(['rules', 'ernie', 'gpt-4', 'chatgpt', 'alexnet']);
    expect(all.body.rows.find((r: { id: string }) => r.id === 'ernie').company).toEqual({ id: 'baidu', name: 'Baidu', name_zh: '百度' });
    expect(all.body.rows.find((r: { id: string }) => r.id === 'rules').company).toBeNull();
    expect(ids((await events('?kind=model&kind=policy&sort=date&order=asc')).body.rows)).toEqual(['alexnet', 'gpt-4', 'rules']);
    expect(ids((await events('?date__gte=2023-01-01&date__lte=2023-03-31')).body.rows)).toEqual(['ernie', 'gpt-4']);
    expect(ids((await events('?company_id=openai')).body.rows)).toEqual(['gpt-4', 'chatgpt']);
    expect(ids((await events('?q=文心')).body.rows)).toEqual(['ernie']);
    const counted = await call(facets.GET, '/api/v1/events/facets?facet=kind', { collection: 'events' });
    expect(counted.body.facets.kind).toEqual(expect.arrayContaining([{ value: 'product', count: 2 }, { value: 'model', count: 2 }, { value: 'policy', count: 1 }]));
  });

  it('refuses a bad kind, a missing or impossible date and an unknown company, writing nothing', async () => {
    const bad = [
      [{ ...EVENTS[0], id: 'x1', kind: 'rumour' }, 'kind'],
      [{ ...EVENTS[0], id: 'x2', date: undefined }, 'date'],
      [{ ...EVENTS[0], id: 'x3', date: '2023-02-30' }, 'date'],
      [{ ...EVENTS[0], id: 'x4', date_precision: 'week' }, 'date_precision'],
      [{ ...EVENTS[0], id: 'x5', company_id: 'nobody' }, 'company_id'],
      [{ ...EVENTS[0], id: 'x6', title: '' }, 'title'],
    ] as const;
    for (const [body, path] of bad) {
      const reply = await call(list.POST, '/api/v1/events', { collection: 'events' }, { method: 'POST', body, headers: SAME_ORIGIN });
      expect(reply.status, `${path}: ${reply.text}`).toBe(422);
      expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await events()).body.total).toBe(EVENTS.length);
    const filter = await events('?kind=rumour');
    expect(filter.status).toBe(400);
    expect(filter.body.error).toMatchObject({ code: 'invalid_param', param: 'kind' });
  });

  it('records edits in the change log and undoes them; a company a milestone names cannot be deleted', async () => {
    const path = { collection: 'events', id: 'chatgpt' };
    const edited = await call(one.PATCH, '/api/v1/events/chatgpt', path, { method: 'PATCH', body: { title: 'ChatGPT research preview' }, headers: SAME_ORIGIN });
    expect(edited.status, edited.text).toBe(200);
    const changes = (await call(history.GET, '/api/v1/events/chatgpt/history', path)).body.rows as { id: number; action: string }[];
    expect(changes.map((c) => c.action)).toEqual(['update', 'create']);
    const undone = await call(undo.POST, `/api/v1/changes/${changes[0].id}/undo`, { id: String(changes[0].id) }, { method: 'POST', headers: SAME_ORIGIN });
    expect(undone.status, undone.text).toBe(200);
    expect((await call(one.GET, '/api/v1/events/chatgpt', path)).body.title).toBe('ChatGPT launched');

    const removed = await call(one.DELETE, '/api/v1/events/chatgpt', path, { method: 'DELETE', headers: SAME_ORIGIN });
    expect(removed.status).toBe(204);
    const deletion = (await call(history.GET, '/api/v1/events/chatgpt/history', path)).body.rows[0] as { id: number; action: string };
    expect(deletion.action).toBe('delete');
    expect((await call(undo.POST, `/api/v1/changes/${deletion.id}/undo`, { id: String(deletion.id) }, { method: 'POST', headers: SAME_ORIGIN })).status).toBe(200);
    expect((await call(one.GET, '/api/v1/events/chatgpt', path)).status).toBe(200);

    const baidu = await call(one.DELETE, '/api/v1/companies/baidu', { collection: 'companies', id: 'baidu' }, { method: 'DELETE', headers: SAME_ORIGIN });
    expect(baidu.status, baidu.text).toBe(409);
  });

  it('exports CSV with the registry\'s columns', async () => {
    const csv = await getCsv('events', 'sort=date&order=asc');
    expect(csv.status).toBe(200);
    const [header, first] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('id,date,date_precision,title,title_zh,kind,company_id,description,description_zh,source_url,confidence,created_at,updated_at');
    expect(first).toMatch(/^alexnet,2012-01-01,year,AlexNet wins ImageNet,,model,,/);
  });
});

describe('GET /api/v1/timeline', () => {
  it('answers every milestone oldest first, and disclosed funding per quarter and layer', async () => {
    const reply = await tl();
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ window: { from: null, to: null }, kinds: [], total: 5 });
    expect(ids(reply.body.events)).toEqual(['alexnet', 'chatgpt', 'gpt-4', 'ernie', 'rules']);
    expect(reply.body.events[1]).toMatchObject({ date: '2022-11-30', kind: 'product', title_zh: 'ChatGPT 上线', company: { id: 'openai', name: 'OpenAI' }, source_url: SOURCE });
    expect(reply.body.funding).toEqual([
      { period: '2019-Q3', layer: 'foundation', total: 1_000_000_000, rounds: 1 },
      { period: '2022-Q4', layer: 'application', total: 28_500_000, rounds: 2 },
    ]);
  });

  it('narrows milestones and funding to a window, and milestones to kinds', async () => {
    const window = await tl('?from=2022-12&to=2023-06');
    expect(window.body.window).toEqual({ from: '2022-12-01', to: '2023-06-30' });
    expect(ids(window.body.events)).toEqual(['gpt-4', 'ernie']);
    expect(window.body.funding).toEqual([]);
    const from2022 = await tl('?from=2022');
    expect(ids(from2022.body.events)).toEqual(['chatgpt', 'gpt-4', 'ernie', 'rules']);
    expect(from2022.body.funding.map((f: { period: string }) => f.period)).toEqual(['2022-Q4']);
    const kinds = await tl('?kind=policy&kind=model');
    expect(kinds.body.kinds).toEqual(['model', 'policy']);
    expect(ids(kinds.body.events)).toEqual(['alexnet', 'gpt-4', 'rules']);
    expect(kinds.body.funding).toHaveLength(2);
    expect((await tl('?kind=model&kind=product&kind=funding&kind=policy&kind=open-source&kind=other')).body.kinds).toEqual([]);
  });

  it.each([
    ['?from=2023-13', 'from'],
    ['?to=yesterday', 'to'],
    ['?from=2024&to=2023', 'from'],
    ['?from=2022&from=2023', 'from'],
    ['?kind=rumour', 'kind'],
    ['?colour=red', 'colour'],
    ['?events=1', 'events'],
  ])('refuses %s with a 400 naming %s', async (query, param) => {
    const reply = await tl(query);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_param', param });
    expect(reply.body.error.message).toBeTruthy();
  });
});

describe('sharing views that mark milestones', () => {
  const create = (path: string, mode = 'snapshot') => call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body: { path, mode }, headers: SAME_ORIGIN });
  const result = async (path: string) => {
    const made = await create(path);
    expect(made.status, made.text).toBe(201);
    const token = made.body.token as string;
    return (await call(sData.GET, `/api/v1/s/${token}`, { token })).body.result;
  };

  it('freezes the timeline of a window and the milestones a chart view marks', async () => {
    const shared = await result('/timeline?kind=policy');
    expect(shared.kind).toBe('ok');
    expect(ids(shared.timeline.events)).toEqual(['rules']);
    const home = await result('/?events=1&eventKinds=model');
    expect(ids(home.milestones)).toEqual(['alexnet', 'gpt-4']);
    expect(home.milestones[0]).toEqual({ id: 'alexnet', date: '2012-01-01', date_precision: 'year', title: 'AlexNet wins ImageNet', title_zh: null, kind: 'model' });
    expect((await result('/')).milestones).toBeNull();
    const concentration = await result('/concentration?interval=quarter&events=1&eventKinds=product');
    expect(ids(concentration.view.milestones)).toEqual(['chatgpt', 'ernie']);
    expect(concentration.view.events).toEqual({ kinds: ['product'] });
  });

  it.each([
    ['/timeline?kind=rumour', 'kind'],
    ['/timeline?from=soon', 'from'],
    ['/?events=yes', 'events'],
    ['/?eventKinds=model', 'eventKinds'],
    ['/hypotheses/h1?events=2', 'events'],
  ])('refuses to share %s (400 naming %s)', async (path, param) => {
    const reply = await create(path);
    expect(reply.status, reply.text).toBe(400);
    expect(reply.body.error.param).toBe(param);
  });
});
