// A board's "Download data": GET /api/v1/boards/{id}/export.zip through the real route handler, unzipped and
// read back — one CSV per tile that holds data (rows and headers as the API shows them), README.txt naming
// the board, its filters, the as-of time and each tile's view; the same permissions as /data.
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as data from '../../app/api/v1/[collection]/[id]/data/route';
import * as exportZip from '../../app/api/v1/[collection]/[id]/export.zip/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import { boardZip } from '../../app/api/_lib/board-export';
import { addUser, browser, sessionFor } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  const hostile = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { id: 'formula-co', name: '=HYPERLINK("http://evil.example","x")', kind: 'builder', country: 'US', layer: 'application' } });
  expect(hostile.status, JSON.stringify(hostile.body)).toBe(201);
  const hypothesis = { id: 'h7', code: 'H7', title: 'Base layer concentrates', status: 'open', indicator: { basis: 'funding', filters: 'layer=foundation', from: '2019', to: null, metric: 'hhi', threshold: 1800, direction: 'above' } };
  expect((await call(list.POST, '/api/v1/hypotheses', { collection: 'hypotheses' }, { method: 'POST', body: hypothesis })).status).toBe(201);
});
afterAll(async () => t.cleanup());

const B = { collection: 'boards' };
const TILES = [
  { id: 'rounds', kind: 'table', title: 'Microsoft rounds', path: '/investments?investor=microsoft&columns=company_id,announced_on,amount_usd', rows: 1, x: 0, y: 0, w: 12, h: 4 },
  { id: 'apps', kind: 'table', path: '/companies?layer=application&sort=name', x: 0, y: 4, w: 6, h: 4 },
  { id: 'lorenz', kind: 'chart', path: '/concentration?basis=funding', chart: 'lorenz', x: 6, y: 4, w: 6, h: 4 },
  { id: 'layers', kind: 'chart', path: '/', chart: 'funding-by-layer', x: 0, y: 8, w: 6, h: 4 },
  { id: 'hhi', kind: 'metric', path: '/concentration?basis=funding', metric: 'hhi', x: 6, y: 8, w: 3, h: 2 },
  { id: 'thesis', kind: 'indicator', hypothesis_id: 'h7', x: 9, y: 8, w: 3, h: 2 },
  { id: 'note', kind: 'note', text: 'A note', x: 0, y: 12, w: 12, h: 2 },
];

async function download(id: string, query = '', headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost:3000/api/v1/boards/${id}/export.zip${query}`, { headers });
  const response = await exportZip.GET(request, { params: Promise.resolve({ ...B, id }) });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes };
}

/** A CSV file's rows: UTF-8 with a byte-order mark (TextDecoder drops it) and CRLF line ends, as /api/v1/{collection}.csv. */
const csvOf = (bytes: Uint8Array) => {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = strFromU8(bytes);
  expect(text.endsWith('\r\n')).toBe(true);
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trimEnd(), { newline: '\r\n' }).data;
};

describe('board export.zip', () => {
  let id = '';
  beforeAll(async () => {
    const made = await call(list.POST, '/api/v1/boards', B, { method: 'POST', body: { title: 'Export <b>me</b>', title_zh: '导出', tiles: TILES, filters: { from: '2019' } } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    id = made.body.id;
  });

  it('holds README.txt and one CSV per tile with data, named by place and tile id', async () => {
    const { response, bytes } = await download(id, '?to=2022');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="board-${id}-\\d{4}-\\d{2}-\\d{2}\\.zip"$`));
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['01-rounds.csv', '02-apps.csv', '03-lorenz.csv', '04-layers.csv', '05-hhi.csv', '06-thesis.csv', 'README.txt']);

    const readme = strFromU8(files['README.txt']);
    const board = (await call(data.GET, `/api/v1/boards/${id}/data?to=2022`, { ...B, id })).body;
    expect(readme).toContain('AIGC Atlas board: Export <b>me</b> / 导出');
    expect(readme).toContain(`Board URL: /boards/${id}?to=2022`);
    expect(readme).toContain('Filters in force: from = 2019; to = 2022');
    expect(readme).toMatch(/Data as of: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    for (const tile of board.tiles) {
      if (tile.path) expect(readme).toContain(`view: ${tile.path}`);
    }
    expect(readme).toContain('01. Microsoft rounds — table tile "rounds"');
    expect(readme).toContain('file: 01-rounds.csv (2 rows)');
    expect(readme).toContain('02. (untitled table) — table tile "apps"');
    expect(readme).toContain('07. (untitled note) — note tile "note"');
    expect(readme).toContain('no file: a note holds no data');

    // Tables: every row of the tile's effective view (not only the rows the tile shows), its visible columns.
    const rounds = board.tiles.find((tile: { id: string }) => tile.id === 'rounds');
    expect(rounds.path).toBe('/investments?investor=microsoft&columns=company_id%2Cannounced_on%2Camount_usd&announced_on__gte=2019-01-01&announced_on__lte=2022-12-31');
    const query = new URLSearchParams(rounds.path.split('?')[1]);
    query.delete('columns'); // a page setting the list API does not take
    const twin = await call(list.GET, `/api/v1/investments?${query}&pageSize=100`, { collection: 'investments' });
    expect(twin.body.total).toBe(2);
    const roundsCsv = csvOf(files['01-rounds.csv']);
    expect(roundsCsv[0]).toEqual(['company_id', 'announced_on', 'amount_usd']);
    expect(roundsCsv.slice(1).map((r) => r[1])).toEqual(twin.body.rows.map((r: { announced_on: string }) => r.announced_on));
    expect(roundsCsv).toHaveLength(1 + twin.body.total);

    const apps = board.tiles.find((tile: { id: string }) => tile.id === 'apps');
    const appsTwin = await call(list.GET, `/api/v1/companies?${apps.path.split('?')[1]}&pageSize=100`, { collection: 'companies' });
    const appsCsv = csvOf(files['02-apps.csv']);
    expect(appsCsv[0]).toEqual(apps.data.columns);
    const name = appsCsv[0].indexOf('name');
    expect(appsTwin.body.total).toBe(3);
    expect(appsCsv).toHaveLength(1 + appsTwin.body.total);
    // Same rows in the same order; a cell that could run as a formula is neutralised, as in every CSV export.
    expect(appsCsv.slice(1).map((r) => r[name])).toEqual(appsTwin.body.rows.map((r: { name: string }) => (r.name.startsWith('=') ? `'${r.name}` : r.name)));
    expect(appsCsv.slice(1).map((r) => r[name])).toContain('\'=HYPERLINK("http://evil.example","x")');

    // Charts, figures and indicators: their data points with a header row.
    const lorenz = csvOf(files['03-lorenz.csv']);
    const lorenzTile = board.tiles.find((tile: { id: string }) => tile.id === 'lorenz');
    expect(lorenz[0]).toEqual(['firms_cum_pct', 'value_cum_pct']);
    expect(lorenz.slice(1).map((r) => r.map(Number))).toEqual(lorenzTile.data.report.lorenz);
    const layers = csvOf(files['04-layers.csv']);
    expect(layers[0]).toEqual(['quarter', 'layer', 'total_usd', 'rounds']);
    expect(layers).toHaveLength(1 + board.tiles.find((tile: { id: string }) => tile.id === 'layers').data.quarters.length);
    const hhi = csvOf(files['05-hhi.csv']);
    expect(hhi[0].slice(0, 2)).toEqual(['metric', 'value']);
    expect(Number(hhi[1][1])).toBe(board.tiles.find((tile: { id: string }) => tile.id === 'hhi').data.value);
    const thesis = csvOf(files['06-thesis.csv']);
    expect(thesis[0]).toEqual(['hypothesis_id', 'code', 'metric', 'period', 'value', 'threshold', 'direction', 'met', 'n']);
    expect(thesis.at(-1)?.slice(0, 4)).toEqual(['h7', 'H7', 'hhi', 'current']);
  });

  it('caps a table file and says so in README.txt', async () => {
    const { stream } = await boardZip(t.atlas, id, new URLSearchParams('from='), undefined, 1);
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const files = unzipSync(Buffer.concat(chunks));
    expect(csvOf(files['01-rounds.csv'])).toHaveLength(2);
    expect(strFromU8(files['README.txt'])).toContain('capped: the view holds 2 rows; the first 1 in its order are in the file');
  });

  it('answers a bad filter with 400 and an unknown board with 404, as /data does', async () => {
    const bad = await download(id, '?sector=ai');
    expect(bad.response.status).toBe(400);
    expect(JSON.parse(strFromU8(bad.bytes)).error).toMatchObject({ code: 'invalid_param', param: 'sector' });
    expect((await download('no-such-board')).response.status).toBe(404);
    const other = await exportZip.GET(new Request('http://localhost:3000/api/v1/companies/openai/export.zip'), { params: Promise.resolve({ collection: 'companies', id: 'openai' }) });
    expect(other.status).toBe(404);
  });

  it('in team mode, another editor gets 404 for a private board; its owner gets the zip', async () => {
    const owner = await sessionFor(t.atlas, (await addUser(t.atlas, 'owner@example.com', 'editor')).id);
    const other = await sessionFor(t.atlas, (await addUser(t.atlas, 'other@example.com', 'editor')).id);
    const made = await call(list.POST, '/api/v1/boards', B, { method: 'POST', body: { title: 'Mine', tiles: [TILES[4]] }, headers: browser(owner) });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ owner: 'owner@example.com', visibility: 'private' });
    const hidden = await download(made.body.id, '', browser(other));
    expect(hidden.response.status).toBe(404);
    expect(strFromU8(hidden.bytes)).not.toContain('Mine');
    const mine = await download(made.body.id, '', browser(owner));
    expect(mine.response.status).toBe(200);
    expect(Object.keys(unzipSync(mine.bytes)).sort()).toEqual(['01-hhi.csv', 'README.txt']);
    expect((await call(one.GET, `/api/v1/boards/${made.body.id}`, { ...B, id: made.body.id }, { headers: browser(other) })).status).toBe(404);
  });
});
