import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  const reply = await post('hypotheses', { id: 'h7', code: 'H7', title: 'Base layer concentrates', title_zh: '底层集中', status: 'open' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
});
afterAll(async () => t.cleanup());

const post = (collection: string, body: unknown) => call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });
const patch = (collection: string, id: string, body: unknown) => call(one.PATCH, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'PATCH', body });
const getOne = (collection: string, id: string) => call(one.GET, `/api/v1/${collection}/${id}`, { collection, id });
const count = async () => (await call(list.GET, '/api/v1/evidence', { collection: 'evidence' })).body.total as number;

describe('evidence is a collection', () => {
  it('cites a company, with a stance and a note, and keeps timestamps', async () => {
    const reply = await post('evidence', { hypothesis_id: 'h7', target_collection: 'companies', target_id: 'openai', stance: 'supports', note: 'GPT-3 175B <b>bold</b>' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ id: expect.stringMatching(/^ev-/), hypothesis_id: 'h7', target_collection: 'companies', target_id: 'openai', url: null, stance: 'supports', hypothesis: { id: 'h7', name: 'Base layer concentrates' } });
    expect(reply.body.updated_at).toBe(reply.body.created_at);
  });

  it('cites a round and an outside URL', async () => {
    expect((await post('evidence', { hypothesis_id: 'h7', target_collection: 'investments', target_id: 'harvey-seed', stance: 'contradicts' })).status).toBe(201);
    const reply = await post('evidence', { hypothesis_id: 'h7', url: 'https://www.example.com/report?x=1', stance: 'context', note: '中文说明' });
    expect(reply.status).toBe(201);
  });

  it.each([
    ['both a row and a URL', { target_collection: 'companies', target_id: 'openai', url: 'https://example.com' }, 'url'],
    ['neither', {}, 'target_id'],
    ['a table without a row', { target_collection: 'companies' }, 'target_id'],
    ['a row that does not exist', { target_collection: 'companies', target_id: 'no-such-company' }, 'target_id'],
    ['a round that does not exist', { target_collection: 'investments', target_id: 'openai' }, 'target_id'],
    ['a table that cannot be cited', { target_collection: 'users', target_id: 'x' }, 'target_collection'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url'],
    ['a missing hypothesis', { hypothesis_id: 'h99', url: 'https://example.com' }, 'hypothesis_id'],
    ['an unknown stance', { stance: 'maybe', url: 'https://example.com' }, 'stance'],
  ])('refuses %s with a 422 naming the field, and writes nothing', async (_name, body, path) => {
    const before = await count();
    const reply = await post('evidence', { hypothesis_id: 'h7', stance: 'supports', ...body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await count()).toBe(before);
  });

  it('switches a citation from a row to a URL, but not to both', async () => {
    const created = await post('evidence', { hypothesis_id: 'h7', target_collection: 'companies', target_id: 'mem', stance: 'context' });
    const id = created.body.id as string;
    expect((await patch('evidence', id, { url: 'https://example.org/mem' })).status).toBe(422);
    const reply = await patch('evidence', id, { url: 'https://example.org/mem', target_collection: null, target_id: null });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ url: 'https://example.org/mem', target_id: null });
    expect(reply.body.updated_at >= reply.body.created_at).toBe(true);
  });
});

describe('the hypothesis carries its evidence', () => {
  it('GET /api/v1/hypotheses/{id} includes evidence with readable target names and counts by stance', async () => {
    const { body } = await getOne('hypotheses', 'h7');
    const evidence = body.evidence as { stance: string; target: { collection: string; name: string; name_zh: string; exists: boolean } | null; url: string | null }[];
    expect(evidence).toHaveLength(4);
    expect(evidence[0]).toMatchObject({ stance: 'supports', target: { collection: 'companies', id: 'openai', name: 'OpenAI', exists: true } });
    expect(evidence[1].target).toMatchObject({ collection: 'investments', name: 'Harvey · Seed · 23 Nov 2022', name_zh: 'Harvey · 种子轮 · 2022年11月23日' });
    expect(evidence[2]).toMatchObject({ target: null, url: 'https://www.example.com/report?x=1' });
    expect(body.evidenceCounts).toEqual({ supports: 1, contradicts: 1, context: 2 });
    expect(body.related.evidence.hypothesis_id).toHaveLength(4);
  });

  it('the cited row lists the hypotheses that cite it', async () => {
    const { body } = await getOne('companies', 'openai');
    expect(body.citedBy).toEqual([expect.objectContaining({ id: 'h7', code: 'H7', stance: 'supports' })]);
  });

  it('a hypothesis with evidence cannot be deleted until its evidence is', async () => {
    const reply = await call(one.DELETE, '/api/v1/hypotheses/h7', { collection: 'hypotheses', id: 'h7' }, { method: 'DELETE' });
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/evidence/);
  });

  it('evidence writes are in the change log and can be undone', async () => {
    const created = await post('evidence', { hypothesis_id: 'h7', url: 'https://example.com/undo-me', stance: 'context' });
    const id = created.body.id as string;
    const log = await call(history.GET, `/api/v1/evidence/${id}/history`, { collection: 'evidence', id });
    expect(log.body.rows).toHaveLength(1);
    expect(log.body.rows[0]).toMatchObject({ action: 'create', after: { url: 'https://example.com/undo-me', stance: 'context' } });
    const reply = await call(undo.POST, `/api/v1/changes/${log.body.rows[0].id}/undo`, { id: String(log.body.rows[0].id) }, { method: 'POST' });
    expect(reply.status).toBe(200);
    expect((await getOne('evidence', id)).status).toBe(404);
  });

  it('a cited row deleted later shows as missing instead of failing', async () => {
    expect((await post('companies', { id: 'gone-co', name: 'Gone Co', kind: 'builder' })).status).toBe(201);
    expect((await post('evidence', { hypothesis_id: 'h7', target_collection: 'companies', target_id: 'gone-co', stance: 'context' })).status).toBe(201);
    expect((await call(one.DELETE, '/api/v1/companies/gone-co', { collection: 'companies', id: 'gone-co' }, { method: 'DELETE' })).status).toBe(204);
    const { body } = await getOne('hypotheses', 'h7');
    expect(body.evidence.at(-1).target).toEqual({ collection: 'companies', id: 'gone-co', name: 'gone-co', name_zh: 'gone-co', exists: false });
  });
});
