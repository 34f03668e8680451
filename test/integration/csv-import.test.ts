import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as changes from '../../app/api/v1/changes/route';
import { brief, getCsv, importHistory, lines, postCsv } from '../support/csv';
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
const countChanges = async () => (await call(changes.GET, '/api/v1/changes', {})).body.rows.length as number;
/** Everything an import could touch, as exports (timestamps included) plus the change-log length. */
const snapshot = async () => ({
  companies: (await getCsv('companies')).text,
  investments: (await getCsv('investments')).text,
  changes: await countChanges(),
});

describe('POST /api/v1/{collection}/import — writes', () => {
  it('inserts, updates and reports unchanged rows, and records the batch', async () => {
    const csv = lines('id,name,kind,country', 'anthropic,Anthropic,builder,US', 'harvey,Harvey AI,builder,US', 'mem,Mem,builder,US');
    const reply = await postCsv('companies', csv, 'filename=companies.csv');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, rejected: [], rows: 3, dryRun: false, encoding: 'utf-8', delimiter: ',' });
    expect(reply.body.batchId).toMatch(/^imp-/);
    expect(await getOne('companies', 'anthropic')).toMatchObject({ name: 'Anthropic', region: 'overseas' });
    expect((await getOne('companies', 'harvey')).name).toBe('Harvey AI');
    const [latest] = await importHistory();
    expect(latest).toMatchObject({ id: reply.body.batchId, collection: 'companies', filename: 'companies.csv', inserted: 1, updated: 1, unchanged: 1, undoneAt: null });
  });

  it('leaves absent columns alone and sets empty cells to null', async () => {
    await postCsv('companies', lines('id,name,kind,founded_year,vertical', 'mem,Mem,builder,2019,notes'));
    expect(await getOne('companies', 'mem')).toMatchObject({ founded_year: 2019, vertical: 'notes', country: 'US' });
    const reply = await postCsv('companies', lines('id,vertical', 'mem,'));
    expect(reply.body).toMatchObject({ updated: 1 });
    expect(await getOne('companies', 'mem')).toMatchObject({ founded_year: 2019, vertical: null, name: 'Mem' });
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await snapshot();
    const reply = await postCsv('companies', lines('id,name,kind', 'dry-co,Dry Co,builder', 'harvey,Harvey,builder', 'bad-co,Bad,wizard'), 'dryRun=1');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ batchId: null, dryRun: true, inserted: 1, updated: 1, unchanged: 0, rejectedRows: 1 });
    expect(await snapshot()).toEqual(before);
  });

  it('mode=insert rejects a row whose id exists', async () => {
    const reply = await postCsv('companies', lines('id,name,kind', 'harvey,Harvey,builder'), 'mode=insert');
    expect(reply.status).toBe(422);
    expect(brief(reply.body.rejected)).toEqual([{ line: 2, column: 'id', value: 'harvey', message: expect.stringContaining('already exists') }]);
  });

  it('generates ids for rows without one (a slug for companies, a prefix elsewhere)', async () => {
    const reply = await postCsv('companies', lines('name,kind', 'Stability AI,builder', 'Stability AI,builder'), 'onError=skip');
    expect(reply.body).toMatchObject({ inserted: 2 });
    expect((await getOne('companies', 'stability-ai')).name).toBe('Stability AI');
    expect((await getOne('companies', 'stability-ai-2')).name).toBe('Stability AI');
  });
});

describe('bad input: each a clear rejection naming line, column and value', () => {
  it('bad numbers, dates and enumerations, with onError=skip writing the good rows', async () => {
    const csv = lines(
      'id,company_id,round_type,announced_on,amount_usd,date_precision',
      'ok-1,harvey,seed,2023-01-02,1000000,day',
      'bad-num,harvey,seed,2023-01-02,12abc,day',
      'bad-date,harvey,seed,2023-02-30,5,day',
      'bad-enum,harvey,series_z,2023-01-02,5,day',
      'bad-int,harvey,seed,2023-01-02,1.5,day',
      'bad-ref,nobody,seed,2023-01-02,5,day',
      'ok-2,mem,seed,,,',
    );
    const reply = await postCsv('investments', csv, 'onError=skip');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ inserted: 2, rejectedRows: 5 });
    expect(brief(reply.body.rejected)).toEqual([
      { line: 3, column: 'amount_usd', value: '12abc', message: 'not a number' },
      { line: 4, column: 'announced_on', value: '2023-02-30', message: 'not a real date: use YYYY-MM-DD' },
      { line: 5, column: 'round_type', value: 'series_z', message: expect.stringMatching(/^must be one of: pre_seed, seed/) },
      { line: 6, column: 'amount_usd', value: '1.5', message: 'not a whole number' },
      { line: 7, column: 'company_id', value: 'nobody', message: 'no company with id "nobody"' },
    ]);
    expect((await getOne('investments', 'ok-2')).company_id).toBe('mem');
    expect(reply.body.rejected.map((r) => r.code)).toEqual(['notNumber', 'notDate', 'oneOf', 'notInteger', 'noRow']);
    expect(reply.body.rejected[4].params).toEqual({ target: 'company', id: 'nobody' });
  });

  it('ragged rows, with line numbers right after quoted line breaks', async () => {
    const csv = lines('id,name,kind,description', 'q-1,Quoted,builder,"line one\r\nline two\r\nline three"', 'q-2,Short,builder', 'q-3,Long,builder,x,extra', 'q-4,Fine,builder,ok');
    const reply = await postCsv('companies', csv, 'onError=skip');
    expect(brief(reply.body.rejected)).toEqual([
      { line: 5, column: null, value: null, message: 'expected 4 fields, found 3 (a missing or extra delimiter?)' },
      { line: 6, column: null, value: null, message: 'expected 4 fields, found 5 (a missing or extra delimiter?)' },
    ]);
    expect(reply.body.inserted).toBe(2);
    expect((await getOne('companies', 'q-1')).description).toBe('line one\r\nline two\r\nline three');
  });

  it('an unclosed quote', async () => {
    const reply = await postCsv('companies', 'id,name,kind\nuq-1,Fine,builder\nuq-2,"Never closed,builder\nuq-3,Lost,builder\n', 'onError=skip');
    expect(brief(reply.body.rejected)).toEqual([{ line: 3, column: 'name', value: null, message: expect.stringContaining('unclosed quote') }]);
    expect(reply.body.inserted).toBe(1);
  });

  it('duplicate ids within one file', async () => {
    const reply = await postCsv('companies', lines('id,name,kind', 'dup-1,First,builder', 'dup-2,Other,builder', 'dup-1,Again,builder'), 'onError=skip');
    expect(brief(reply.body.rejected)).toEqual([{ line: 4, column: 'id', value: 'dup-1', message: 'duplicate id "dup-1": the file already has it on line 2' }]);
    expect((await getOne('companies', 'dup-1')).name).toBe('First');
  });

  it('missing required values and invalid ids', async () => {
    const reply = await postCsv('companies', lines('id,name,kind', 'no-kind,No kind,', 'Bad Id,Bad,builder'), 'onError=skip');
    expect(brief(reply.body.rejected)).toEqual([
      { line: 2, column: 'kind', value: '', message: 'a value is required' },
      { line: 3, column: 'id', value: 'Bad Id', message: expect.stringContaining('must contain only lowercase letters') },
    ]);
  });

  it('onError=abort (the default) leaves the database exactly as before', async () => {
    const before = await snapshot();
    const csv = lines('id,name,kind,country', 'abort-1,Abort One,builder,US', 'harvey,Changed,builder,US', ...Array.from({ length: 2500 }, (_, i) => `abort-bulk-${i},Bulk ${i},builder,CN`), 'abort-bad,Bad,wizard,US');
    const reply = await postCsv('companies', csv);
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ batchId: null, inserted: 0, updated: 0, unchanged: 0, rejectedRows: 1 });
    expect(reply.body.rejected[0]).toMatchObject({ line: 2504, column: 'kind', value: 'wizard' });
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown header is a 400 that names it; map= renames or ignores it', async () => {
    const csv = lines('id,Firm name,kind,Colour', 'mapped-1,Mapped,builder,blue');
    const reply = await postCsv('companies', csv);
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain('"Firm name"');
    expect(reply.body.error?.message).toContain('"Colour"');
    const map = encodeURIComponent(JSON.stringify({ 'Firm name': 'name', Colour: null }));
    const mapped = await postCsv('companies', csv, `map=${map}`);
    expect(mapped.body).toMatchObject({ inserted: 1 });
    expect((await getOne('companies', 'mapped-1')).name).toBe('Mapped');
    expect((await postCsv('companies', csv, `map=${encodeURIComponent('{"Firm name":"nope"}')}`)).body.error?.param).toBe('map');
  });

  it('matches headers by English and Chinese label', async () => {
    const reply = await postCsv('companies', lines('ID,Name,类型,国家/地区', 'label-1,Label One,builder,CN'));
    expect(reply.body).toMatchObject({ inserted: 1 });
    expect(await getOne('companies', 'label-1')).toMatchObject({ kind: 'builder', country: 'CN', region: 'china' });
  });

  it('an empty file is a 400; a header alone imports nothing', async () => {
    expect((await postCsv('companies', '')).status).toBe(400);
    expect((await postCsv('companies', 'id,name,kind\r\n')).body).toMatchObject({ rows: 0, inserted: 0, batchId: null });
  });
});

describe('the registry rules a JSON write obeys', () => {
  it('cross-column rules and the rows a row points at outside its ref columns', async () => {
    await postCsv('hypotheses', lines('id,code,title,status', 'h-rules,HR,Rules,open'));
    const csv = lines(
      'id,hypothesis_id,stance,target_collection,target_id,url',
      'ev-ok,h-rules,supports,companies,harvey,',
      'ev-both,h-rules,supports,companies,harvey,https://example.com',
      'ev-missing,h-rules,contradicts,companies,no-such-company,',
      'ev-url,h-rules,context,,,https://example.com/report',
    );
    const reply = await postCsv('evidence', csv, 'onError=skip');
    expect(reply.body.inserted).toBe(2);
    expect(brief(reply.body.rejected)).toEqual([
      { line: 3, column: 'url', value: 'https://example.com', message: 'cite either a row (target_collection + target_id) or a URL, not both' },
      { line: 4, column: 'target_id', value: 'no-such-company', message: 'no company with id "no-such-company"' },
    ]);
  });
});
