import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import * as changes from '../../app/api/v1/changes/route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const post = (collection: string, body: unknown) => call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });
const patch = (collection: string, id: string, body: unknown) => call(one.PATCH, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'PATCH', body });
const del = (collection: string, id: string) => call(one.DELETE, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'DELETE' });
const getOne = (collection: string, id: string) => call(one.GET, `/api/v1/${collection}/${id}`, { collection, id });
const historyOf = (collection: string, id: string) => call(history.GET, `/api/v1/${collection}/${id}/history`, { collection, id });
const countChanges = async () => (await call(changes.GET, '/api/v1/changes', {})).body.rows.length as number;
const total = async (collection: string) => (await call(list.GET, `/api/v1/${collection}`, { collection })).body.total as number;

describe('create, update, delete with the change log', () => {
  it('creates a company with a generated slug id and records the change', async () => {
    const reply = await post('companies', { name: 'Character.AI', kind: 'builder', country: 'US' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ id: 'character-ai', name: 'Character.AI', region: 'overseas' });
    expect(reply.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const log = await historyOf('companies', 'character-ai');
    expect(log.body.rows).toHaveLength(1);
    expect(log.body.rows[0]).toMatchObject({ action: 'create', actor: 'local', before: null });
  });

  it('generates a second slug when the name is taken', async () => {
    const reply = await post('companies', { name: 'Character AI', kind: 'builder' });
    expect(reply.body.id).toBe('character-ai-2');
  });

  it('updates, keeps before and after, and re-derives region', async () => {
    const reply = await patch('companies', 'character-ai', { country: 'CN', vertical: 'companionship' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ country: 'CN', region: 'china', vertical: 'companionship' });
    const [latest] = (await historyOf('companies', 'character-ai')).body.rows;
    expect(latest.action).toBe('update');
    expect(latest.before.country).toBe('US');
    expect(latest.after.country).toBe('CN');
  });

  it('replaces participants of a round on update', async () => {
    const reply = await patch('investments', 'mem-2022', { lead_investors: ['openai-startup-fund'], investors: ['sequoia'] });
    expect(reply.status).toBe(200);
    expect(reply.body.participants.map((p: { id: string; isLead: boolean }) => [p.id, p.isLead])).toEqual([
      ['openai-startup-fund', true],
      ['sequoia', false],
    ]);
  });

  it('keeps the other participants when only one list is sent', async () => {
    const onlyLeads = await patch('investments', 'mem-2022', { lead_investors: ['sequoia'] });
    expect(onlyLeads.body.participants.map((p: { id: string; isLead: boolean }) => [p.id, p.isLead])).toEqual([
      ['sequoia', true],
      ['openai-startup-fund', false],
    ]);
    const onlyInvestors = await patch('investments', 'mem-2022', { investors: ['sequoia'] });
    expect(onlyInvestors.body.participants.map((p: { id: string; isLead: boolean }) => [p.id, p.isLead])).toEqual([['sequoia', true]]);
  });

  it('undoes an update from the change log', async () => {
    const [latest] = (await historyOf('companies', 'character-ai')).body.rows;
    const reply = await call(undo.POST, `/api/v1/changes/${latest.id}/undo`, { id: String(latest.id) }, { method: 'POST' });
    expect(reply.status).toBe(200);
    expect((await getOne('companies', 'character-ai')).body).toMatchObject({ country: 'US', region: 'overseas', vertical: null });
  });

  it('deletes a row and restores it, participants included, from the change log', async () => {
    const before = (await getOne('investments', 'harvey-seed')).body;
    expect((await del('investments', 'harvey-seed')).status).toBe(204);
    expect((await getOne('investments', 'harvey-seed')).status).toBe(404);
    const [deletion] = (await historyOf('investments', 'harvey-seed')).body.rows;
    expect(deletion.action).toBe('delete');
    const reply = await call(undo.POST, `/api/v1/changes/${deletion.id}/undo`, { id: String(deletion.id) }, { method: 'POST' });
    expect(reply.status).toBe(200);
    const after = (await getOne('investments', 'harvey-seed')).body;
    expect(after.participants).toEqual(before.participants);
    expect(after.amount_usd).toBe(5_000_000);
    expect((await historyOf('investments', 'harvey-seed')).body.rows[0].action).toBe('restore');
  });

  it('refuses to delete a company that rounds still reference (409) and changes nothing', async () => {
    const reply = await del('companies', 'openai-startup-fund');
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/referenced by/);
    expect((await getOne('companies', 'openai-startup-fund')).status).toBe(200);
  });

  it('is 404 when updating or deleting a row that does not exist', async () => {
    expect((await patch('companies', 'ghost', { name: 'x' })).status).toBe(404);
    expect((await del('companies', 'ghost')).status).toBe(404);
  });
});

describe('bad writes change nothing', () => {
  const cases: [string, string, unknown, string[]][] = [
    ['missing required fields', 'companies', { country: 'US' }, ['name', 'kind']],
    ['wrong types', 'companies', { name: 42, kind: 'builder', founded_year: 'soon' }, ['name', 'founded_year']],
    ['unknown enum value', 'companies', { name: 'X', kind: 'wizard' }, ['kind']],
    ['unknown field', 'companies', { name: 'X', kind: 'builder', colour: 'red' }, ['colour']],
    ['read-only field', 'companies', { name: 'X', kind: 'builder', region: 'china' }, ['region']],
    ['bad country code', 'companies', { name: 'X', kind: 'builder', country: 'usa' }, ['country']],
    ['javascript: URL', 'companies', { name: 'X', kind: 'builder', website: 'javascript:alert(1)' }, ['website']],
    ['zero amount (undisclosed is empty, never 0)', 'investments', { company_id: 'openai', amount_usd: 0 }, ['amount_usd']],
    ['fractional dollars', 'investments', { company_id: 'openai', amount_usd: 1.5 }, ['amount_usd']],
    ['impossible date', 'investments', { company_id: 'openai', announced_on: '2023-02-30' }, ['announced_on']],
    ['company that does not exist', 'investments', { company_id: 'ghost-co', amount_usd: 5 }, ['company_id']],
    ['investor that does not exist', 'investments', { company_id: 'openai', investors: ['ghost-fund'] }, ['investors']],
    ['bad id', 'companies', { id: 'Has Spaces', name: 'X', kind: 'builder' }, ['id']],
  ];
  it.each(cases)('%s → 422 listing the fields', async (_name, collection, body, fields) => {
    const [rowsBefore, changesBefore] = [await total(collection), await countChanges()];
    const reply = await post(collection, body);
    expect(reply.status).toBe(422);
    const paths = reply.body.error.issues.map((i: { path: string }) => i.path);
    for (const field of fields) expect(paths).toContain(field);
    expect(await total(collection)).toBe(rowsBefore);
    expect(await countChanges()).toBe(changesBefore);
  });

  it('malformed JSON is a 400', async () => {
    const reply = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', rawBody: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/JSON/);
  });

  it('a body that is not an object is a 422', async () => {
    expect((await post('companies', ['a'])).status).toBe(422);
  });

  it('an existing id is a 409', async () => {
    expect((await post('companies', { id: 'openai', name: 'Again', kind: 'builder' })).status).toBe(409);
  });

  it('an invalid update is a 422 and leaves the row as it was', async () => {
    const reply = await patch('companies', 'openai', { founded_year: 'long ago', kind: null });
    expect(reply.status).toBe(422);
    expect((await getOne('companies', 'openai')).body).toMatchObject({ founded_year: 2015, kind: 'builder' });
  });
});

describe('half of a surrogate pair, which no encoding can store, is refused', () => {
  // JSON spells it as "\uD83D" alone; stored, it would read back as other characters.
  it.each([
    ['a lone high surrogate in a text value', { id: 'lone-1', name: 'Cut emoji \uD83D', kind: 'other' }],
    ['a lone low surrogate in a text value', { id: 'lone-2', name: '\uDE00 cut', kind: 'other' }],
    ['a lone surrogate in a key', { id: 'lone-3', name: 'Key', kind: 'other', ['\uD800']: 1 }],
  ])('%s: 400, nothing written', async (_, body) => {
    const before = await countChanges();
    const reply = await post('companies', body);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toMatch(/surrogate/);
    expect((await getOne('companies', String(body.id))).status).toBe(404);
    expect(await countChanges()).toBe(before);
  });

  it('a whole pair (an emoji) is stored as sent', async () => {
    expect((await post('companies', { id: 'pair-ok', name: 'Emoji \uD83D\uDE00', kind: 'other' })).status).toBe(201);
    expect((await getOne('companies', 'pair-ok')).body.name).toBe('Emoji 😀');
  });
});

describe('hostile strings are stored and returned byte for byte', () => {
  const hostile = [
    '<script>alert(1)</script><img src=x onerror=alert(2)>',
    '=HYPERLINK("http://evil.example","x")',
    '+1-2@SUM(A1)',
    'quote " and \' and `backtick`',
    '\u202Eright-to-left override\u202C and \u200F mark',
    '🦄 emoji 👩‍👩‍👧 and 中文 生成式人工智能',
    'line\nbreak\r\nand\ttab',
    'x'.repeat(10_000),
  ];
  it.each(hostile.map((s, i) => [i, s]))('string %i', async (i, text) => {
    const reply = await post('companies', { id: `hostile-${i}`, name: text.slice(0, 200), kind: 'other', description: text });
    expect(reply.status).toBe(201);
    const back = (await getOne('companies', `hostile-${i}`)).body;
    expect(back.name).toBe(text.slice(0, 200));
    expect(back.description).toBe(text);
    const listed = (await call(list.GET, `/api/v1/companies?id=hostile-${i}`, { collection: 'companies' })).body.rows[0];
    expect(listed.description).toBe(text);
  });
});
