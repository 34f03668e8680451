import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import { brief, getCsv, importHistory, lines, listAll, postCsv, undoImport } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const getOne = async (collection: string, id: string) => (await call(one.GET, `/api/v1/${collection}/${id}`, { collection, id })).body;
const patch = (collection: string, id: string, body: unknown) => call(one.PATCH, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'PATCH', body });
const participants = (row: { participants: { id: string; isLead: boolean }[] }) => row.participants.map((p) => [p.id, p.isLead]);

describe('investments: participants by id or exact name', () => {
  it('resolves investor names and ids, leads included in investors', async () => {
    const csv = lines('id,company_id,round_type,lead_investors,investors', 'r-1,harvey,series_a,Sequoia,microsoft;OpenAI Startup Fund');
    const reply = await postCsv('investments', csv);
    expect(reply.body).toMatchObject({ inserted: 1, investorsCreated: 0 });
    expect(participants(await getOne('investments', 'r-1'))).toEqual([
      ['sequoia', true],
      ['microsoft', false],
      ['openai-startup-fund', false],
    ]);
  });

  it('rejects an unknown investor unless asked to create it', async () => {
    const csv = lines('id,company_id,investors', 'r-2,harvey,Sequoia;Kleiner Perkins;红杉中国');
    const rejected = await postCsv('investments', csv);
    expect(rejected.status).toBe(422);
    expect(brief(rejected.body.rejected)).toEqual([
      { line: 2, column: 'investors', value: 'Sequoia;Kleiner Perkins;红杉中国', message: 'no company with id or name "Kleiner Perkins"' },
      { line: 2, column: 'investors', value: 'Sequoia;Kleiner Perkins;红杉中国', message: 'no company with id or name "红杉中国"' },
    ]);
    const dry = await postCsv('investments', csv, 'createMissing=1&dryRun=1');
    expect(dry.body).toMatchObject({ inserted: 1, investorsCreated: 2, batchId: null });
    expect((await getOne('companies', 'kleiner-perkins')).error).toBeDefined();
    const created = await postCsv('investments', csv + lines('r-3,mem,Kleiner Perkins'), 'createMissing=1');
    expect(created.body).toMatchObject({ inserted: 2, investorsCreated: 2 });
    expect(await getOne('companies', 'kleiner-perkins')).toMatchObject({ name: 'Kleiner Perkins', kind: 'investor' });
    const ids = (await getOne('investments', 'r-2')).investors as string[];
    expect(ids).toContain('kleiner-perkins');
    expect(ids.find((id) => id.startsWith('row-'))).toBeDefined();
  });

  it('rejects a name that several companies share', async () => {
    await postCsv('companies', lines('id,name,kind', 'twin-a,Twin Capital,investor', 'twin-b,Twin Capital,investor'));
    const reply = await postCsv('investments', lines('id,company_id,investors', 'r-4,harvey,Twin Capital'));
    expect(reply.body.rejected[0].message).toBe('"Twin Capital" is the name of several companies (twin-a, twin-b): use the id');
  });
});

describe('POST /api/v1/imports/{batchId}/undo', () => {
  it('reverts a batch: inserted rows deleted, updated rows set back, created investors removed', async () => {
    const before = { companies: (await getCsv('companies')).text, investments: (await getCsv('investments')).text };
    const csv = lines('id,company_id,round_type,amount_usd,lead_investors,investors', 'harvey-seed,harvey,seed,6000000,Brand New Ventures,sequoia', 'u-1,mem,seed,100,,sequoia');
    const reply = await postCsv('investments', csv, 'createMissing=1');
    expect(reply.body).toMatchObject({ inserted: 1, updated: 1, investorsCreated: 1 });
    expect(participants(await getOne('investments', 'harvey-seed'))).toEqual([['brand-new-ventures', true], ['sequoia', false]]);
    const undone = await undoImport(reply.body.batchId!);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ id: reply.body.batchId, undoneBy: 'local' });
    expect({ companies: (await getCsv('companies')).text, investments: (await getCsv('investments')).text }).toEqual(before);
    expect((await importHistory()).find((b) => b.id === reply.body.batchId)?.undoneAt).toBeTruthy();
  });

  it('a batch can be undone once: the second time is a 409; an unknown batch a 404', async () => {
    const reply = await postCsv('companies', lines('id,name,kind', 'once-1,Once,builder'));
    expect((await undoImport(reply.body.batchId!)).status).toBe(200);
    const again = await undoImport(reply.body.batchId!);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain('already undone');
    expect((await undoImport('imp-20260101-0000000000')).status).toBe(404);
    expect((await undoImport('not a batch')).status).toBe(400);
  });

  it('refuses (409) when a row was edited after the import, and changes nothing', async () => {
    const reply = await postCsv('companies', lines('id,name,kind', 'edited-1,Edited,builder', 'edited-2,Untouched,builder'));
    await patch('companies', 'edited-1', { vertical: 'legal' });
    const undone = await undoImport(reply.body.batchId!);
    expect(undone.status).toBe(409);
    expect(undone.body.error?.message).toContain('"edited-1" was changed after the import');
    expect((await getOne('companies', 'edited-2')).name).toBe('Untouched');
  });

  it('lists batches newest first', async () => {
    const history = await importHistory();
    expect(history.length).toBeGreaterThanOrEqual(3);
    expect([...history].sort((a, b) => b.at.localeCompare(a.at))).toEqual(history);
  });
});

describe('companies pointing at companies (parent_id)', () => {
  it('accepts a parent defined earlier in the file, rejects one defined later', async () => {
    const csv = lines('id,name,kind,parent_id', 'p-parent,Parent,builder,', 'p-child,Child,investor,p-parent', 'p-early,Early,investor,p-late', 'p-late,Late,builder,', 'p-self,Self,builder,p-self');
    const reply = await postCsv('companies', csv, 'onError=skip');
    expect(reply.body.inserted).toBe(3);
    expect(reply.body.rejected.map((r) => [r.line, r.column, r.value])).toEqual([
      [4, 'parent_id', 'p-late'],
      [6, 'parent_id', 'p-self'],
    ]);
    expect((await getOne('companies', 'p-child')).parent_id).toBe('p-parent');
    expect((await listAll('companies', 'parent_id=p-parent')).map((r) => r.id)).toEqual(['p-child']);
  });
});

describe('undo of a large batch (reverted page by page)', () => {
  const snapshot = async () => ({ companies: (await getCsv('companies')).text, investments: (await getCsv('investments')).text });

  it('deletes created rows that point at each other, whatever order their ids sort in', async () => {
    const before = await snapshot();
    const csv = lines('id,name,kind,parent_id', 'zz-parent,Parent,builder,', 'aa-child,Child,investor,zz-parent', 'mm-grandchild,Grandchild,investor,aa-child');
    const reply = await postCsv('companies', csv);
    expect(reply.body.inserted).toBe(3);
    const undone = await undoImport(reply.body.batchId!);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses (409) when a row added since points at a row the import created, and changes nothing', async () => {
    const reply = await postCsv('companies', lines('id,name,kind', 'ref-target,Target,builder', 'ref-other,Other,builder'));
    const child = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { id: 'ref-child', name: 'Child', kind: 'builder', parent_id: 'ref-target' } });
    expect(child.status).toBe(201);
    const undone = await undoImport(reply.body.batchId!);
    expect(undone.status, JSON.stringify(undone.body)).toBe(409);
    expect(undone.body.error?.message).toContain('referenced by other rows');
    expect((await getOne('companies', 'ref-other')).name).toBe('Other');
  });

  it('reverts thousands of changes: chains across pages, updates pointing at created rows, created investors', async () => {
    const before = await snapshot();
    // Each company's parent is the one before it, ids alternating between sorting before and after it.
    const chain = Array.from({ length: 2300 }, (_, i) => `${i % 2 ? 'a' : 'z'}-chain-${String(i).padStart(4, '0')}`);
    const companies = chain.map((id, i) => `${id},Chain ${i},builder,${i ? chain[i - 1] : ''}`);
    const csv = lines('id,name,kind,parent_id', ...companies, 'harvey,Harvey,builder,z-chain-0000', `mem,Mem,builder,${chain[1500]}`);
    const reply = await postCsv('companies', csv);
    expect(reply.body).toMatchObject({ inserted: 2300, updated: 2 });
    const imported = await snapshot();
    const rounds = Array.from({ length: 1200 }, (_, i) => `big-${String(i).padStart(4, '0')},harvey,seed,New Fund ${i % 700},sequoia`);
    const funded = await postCsv('investments', lines('id,company_id,round_type,lead_investors,investors', ...rounds, 'harvey-seed,harvey,seed,New Fund 3,sequoia'), 'createMissing=1');
    expect(funded.body).toMatchObject({ inserted: 1200, updated: 1, investorsCreated: 700 });
    const fundedUndo = await undoImport(funded.body.batchId!);
    expect(fundedUndo.status, JSON.stringify(fundedUndo.body)).toBe(200);
    expect(await snapshot()).toEqual(imported);
    const undone = await undoImport(reply.body.batchId!);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
