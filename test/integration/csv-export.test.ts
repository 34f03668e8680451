import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import { getCsv, listAll, postCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

/** The records of an export (BOM stripped, CRLF rows). */
const records = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { newline: '\r\n', skipEmptyLines: true }).data;

describe('GET /api/v1/{collection}.csv', () => {
  it('answers a CSV attachment: UTF-8 with BOM, CRLF, a header of column ids', async () => {
    const reply = await getCsv('companies');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="companies-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(reply.text.startsWith('\uFEFFid,name,name_zh,kind,country,region,')).toBe(true);
    expect(reply.text.endsWith('\r\n')).toBe(true);
    expect(reply.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = records(reply.text);
    expect(rows[0]).toEqual(['id', 'name', 'name_zh', 'kind', 'country', 'region', 'layer', 'modality', 'vertical', 'business_model', 'founded_year', 'hq', 'website', 'status', 'parent_id', 'description', 'description_zh', 'source_url', 'confidence', 'created_at', 'updated_at']);
    expect(rows).toHaveLength(9);
  });

  it('keeps Chinese intact as UTF-8 bytes behind a BOM (what Excel needs)', async () => {
    const bytes = new TextEncoder().encode((await getCsv('companies', 'columns=id,name_zh&name_zh__isnull=0')).text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('zhipu-ai,智谱AI');
  });

  it('exports the view: filters, sort and columns, every page', async () => {
    const reply = await getCsv('companies', 'region=overseas&sort=founded_year&order=desc&columns=id,founded_year');
    const view = (await listAll<{ id: string; founded_year: number | null }>('companies', 'region=overseas&sort=founded_year&order=desc')).map((r) => [r.id, r.founded_year === null ? '' : String(r.founded_year)]);
    expect(records(reply.text)).toEqual([['id', 'founded_year'], ...view]);
  });

  it('writes one row per round with leads and investors as ";"-separated company ids', async () => {
    const rows = records((await getCsv('investments', 'columns=id,lead_investors,investors&sort=id')).text);
    expect(rows).toContainEqual(['harvey-seed', 'openai-startup-fund', 'openai-startup-fund;sequoia']);
    expect(rows).toContainEqual(['msft-2021', '', 'microsoft']);
    expect((await getCsv('investments', 'investor=openai&columns=id')).text).toBe('\uFEFFid\r\nharvey-seed\r\nmem-2022\r\n');
  });

  it('neutralises cells that could start a formula, in text columns only', async () => {
    const csv = 'id,company_id,notes,amount_original,currency\r\nformula-1,harvey,"=HYPERLINK(""http://evil"")",5,USD\r\nformula-2,harvey,-5 is not a number here,,\r\nformula-3,harvey,"\'\'=already quoted",,\r\n';
    expect((await postCsv('investments', csv)).body).toMatchObject({ inserted: 3 });
    expect(((await listAll<{ id: string; notes: string }>('investments', 'id=formula-3'))[0]).notes).toBe("'=already quoted");
    const text = (await getCsv('investments', 'id__contains=formula&sort=id&columns=id,notes,amount_original')).text;
    expect(text).toBe('\uFEFFid,notes,amount_original\r\nformula-1,"\'=HYPERLINK(""http://evil"")",5\r\nformula-2,\'-5 is not a number here,\r\nformula-3,\'\'=already quoted,\r\n');
  });

  it('streams many rows in chunks, in the list order', async () => {
    const csv = ['id,name,kind', ...Array.from({ length: 2600 }, (_, i) => `bulk-${String(i).padStart(4, '0')},Bulk ${i},other`)].join('\n');
    expect((await postCsv('companies', csv)).body).toMatchObject({ inserted: 2600 });
    const response = await list.GET(new Request('http://localhost/api/v1/companies.csv?kind=other&sort=id&order=desc&columns=id'), { params: Promise.resolve({ collection: 'companies.csv' }) });
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(chunks.length).toBeGreaterThan(2);
    const rows = records(new TextDecoder().decode(Buffer.concat(chunks)));
    expect(rows).toHaveLength(2601);
    expect(rows[1]).toEqual(['bulk-2599']);
    expect(rows[2600]).toEqual(['bulk-0000']);
  });

  it('stops reading when the client goes away', async () => {
    const response = await list.GET(new Request('http://localhost/api/v1/companies.csv'), { params: Promise.resolve({ collection: 'companies.csv' }) });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect((await getCsv('companies', 'columns=id&kind=builder')).status).toBe(200);
  });

  it('is a 400 naming the parameter for unknown columns and bad filters; 404 for unknown collections', async () => {
    const unknown = await getCsv('companies', 'columns=id,nope');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).error).toMatchObject({ param: 'columns', message: expect.stringContaining('"nope"') });
    expect(JSON.parse((await getCsv('companies', 'founded_year__gte=abc')).text).error.param).toBe('founded_year__gte');
    expect((await call(list.GET, '/api/v1/nope.csv', { collection: 'nope.csv' })).status).toBe(404);
  });
});
