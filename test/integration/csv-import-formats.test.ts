import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import { lines, postCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => {
  delete process.env.ATLAS_MAX_UPLOAD_MB;
  await t.cleanup();
});

const getOne = async (collection: string, id: string) => (await call(one.GET, `/api/v1/${collection}/${id}`, { collection, id })).body;

// "id,name,name_zh,kind\r\nbytedance,ByteDance,字节跳动,builder\r\n" as Excel on Chinese Windows saves it (GB18030).
const GB18030_FILE = Uint8Array.from([
  ...new TextEncoder().encode('id,name,name_zh,kind\r\nbytedance,ByteDance,'),
  0xd7, 0xd6, 0xbd, 0xda, 0xcc, 0xf8, 0xb6, 0xaf,
  ...new TextEncoder().encode(',builder\r\n'),
]);

function slowStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

describe('encodings', () => {
  it('detects GB18030 and keeps the Chinese intact', async () => {
    const reply = await postCsv('companies', GB18030_FILE);
    expect(reply.body).toMatchObject({ inserted: 1, encoding: 'gb18030' });
    expect((await getOne('companies', 'bytedance')).name_zh).toBe('字节跳动');
  });

  it('reads UTF-8 with a BOM, and encoding= overrides detection', async () => {
    const bom = new TextEncoder().encode('\uFEFFid,name,name_zh,kind\r\nmoonshot,Moonshot,月之暗面,builder\r\n');
    expect((await postCsv('companies', bom)).body).toMatchObject({ inserted: 1, encoding: 'utf-8' });
    expect((await getOne('companies', 'moonshot')).name_zh).toBe('月之暗面');
    expect((await postCsv('companies', GB18030_FILE, 'encoding=gbk')).body).toMatchObject({ unchanged: 1, encoding: 'gbk' });
  });

  it('is a 400 for a body that cannot be decoded, with nothing written', async () => {
    const reply = await postCsv('companies', Uint8Array.from([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x80, 0x81, 0xff]));
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain('cannot be decoded');
    const utf8Forced = await postCsv('companies', GB18030_FILE, 'encoding=utf-8');
    expect(utf8Forced.status).toBe(400);
    expect(utf8Forced.body.error?.message).toContain('encoding=gb18030');
  });
});

describe('delimiters and line ends', () => {
  it.each([
    ['semicolon', 'id;name;kind;description\nsemi-1;Semi;builder;"has, comma; and semicolon"\n', ';', '\n'],
    ['tab', 'id\tname\tkind\tdescription\r\ntab-1\tTab\tbuilder\t"a\tb"\r\n', '\t', '\r\n'],
    ['comma, CR only', 'id,name,kind\rcr-1,CR,builder\r', ',', '\r'],
    ['comma, no final newline', 'id,name,kind\nnofinal-1,No final,builder', ',', '\n'],
  ])('%s', async (_name, csv, delimiter, lineEnding) => {
    const reply = await postCsv('companies', csv);
    expect(reply.body).toMatchObject({ inserted: 1, delimiter, lineEnding });
  });

  it('keeps a semicolon-separated file\'s cells whole', async () => {
    expect((await getOne('companies', 'semi-1')).description).toBe('has, comma; and semicolon');
    expect((await getOne('companies', 'tab-1')).description).toBe('a\tb');
  });

  it('delimiter= overrides detection', async () => {
    const reply = await postCsv('companies', 'id;name;kind\nforced-1;Forced;builder\n', 'delimiter=comma');
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain('"id;name;kind"');
  });

  it('reads a file in any chunking, CRLF split between chunks', async () => {
    const text = new TextEncoder().encode('id,name,kind,description\r\nchunk-1,"Chunk, one",builder,"x\r\ny"\r\nchunk-2,Two,builder,\r\nchunk-3,bad,wizard,\r\n');
    const chunks = Array.from({ length: Math.ceil(text.length / 3) }, (_, i) => text.slice(i * 3, i * 3 + 3));
    const reply = await postCsv('companies', slowStream(chunks), 'onError=skip');
    expect(reply.body).toMatchObject({ inserted: 2, rejected: [{ line: 5, column: 'kind', value: 'wizard' }] });
  });
});

describe('transport', () => {
  it('takes multipart/form-data with a file field', async () => {
    const form = new FormData();
    form.append('file', new Blob(['id,name,kind\nform-1,Form,builder\n'], { type: 'text/csv' }), 'from-form.csv');
    const reply = await postCsv('companies', form);
    expect(reply.body).toMatchObject({ inserted: 1 });
    const empty = new FormData();
    empty.append('other', 'x');
    expect((await postCsv('companies', empty)).body.error?.param).toBe('file');
  });

  it('is a 415 for JSON and other bodies that are not CSV', async () => {
    const reply = await postCsv('companies', '{"id":"x"}', '', { 'content-type': 'application/json' });
    expect(reply.status).toBe(415);
    expect(reply.body.error?.message).toContain('text/csv');
    expect((await postCsv('companies', 'a=b', '', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('is a 413 over ATLAS_MAX_UPLOAD_MB: from content-length, and while streaming without one', async () => {
    process.env.ATLAS_MAX_UPLOAD_MB = '0.001';
    try {
      const big = lines('id,name,kind', ...Array.from({ length: 100 }, (_, i) => `big-${i},Big ${i},builder`));
      const declared = await postCsv('companies', big, '', { 'content-type': 'text/csv', 'content-length': String(big.length) });
      expect(declared.status).toBe(413);
      const bytes = new TextEncoder().encode(big);
      const streamed = await postCsv('companies', slowStream([bytes.slice(0, 600), bytes.slice(600)]));
      expect(streamed.status).toBe(413);
      expect(streamed.body.error?.message).toContain('ATLAS_MAX_UPLOAD_MB');
      expect((await getOne('companies', 'big-0')).error).toBeDefined();
      const form = new FormData();
      form.append('file', new Blob([big]), 'big.csv');
      const request = new Request('http://localhost/', { method: 'POST', body: form });
      const multipart = new Uint8Array(await request.arrayBuffer());
      const streamedForm = await postCsv('companies', slowStream([multipart.slice(0, 700), multipart.slice(700)]), '', { 'content-type': request.headers.get('content-type') ?? '' });
      expect(streamedForm.status).toBe(413);
      const padded = new FormData();
      padded.append('notes', 'n'.repeat(2000));
      padded.append('file', new Blob(['id,name,kind\r\nsmall-1,Small,builder\r\n']), 'small.csv');
      const paddedRequest = new Request('http://localhost/', { method: 'POST', body: padded });
      const paddedBytes = new Uint8Array(await paddedRequest.arrayBuffer());
      const beforeFile = await postCsv('companies', slowStream([paddedBytes.slice(0, 500), paddedBytes.slice(500)]), '', { 'content-type': paddedRequest.headers.get('content-type') ?? '' });
      expect(beforeFile.status).toBe(413);
      expect((await getOne('companies', 'small-1')).error).toBeDefined();
    } finally {
      delete process.env.ATLAS_MAX_UPLOAD_MB;
    }
  });

  it('unknown parameters and collections', async () => {
    expect((await postCsv('companies', 'id\n', 'colour=red')).body.error?.param).toBe('colour');
    expect((await postCsv('nope', 'id\n')).status).toBe(404);
  });
});
