// Boards through the real route handlers: tiles validated by name, data with the board's filters merged into every
// tile, pinning, optimistic concurrency and the change log's undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as data from '../../app/api/v1/[collection]/[id]/data/route';
import * as pin from '../../app/api/v1/[collection]/[id]/tiles/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import * as changes from '../../app/api/v1/changes/route';
import * as concentration from '../../app/api/v1/concentration/route';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const B = { collection: 'boards' };
const create = (body: unknown) => call(list.POST, '/api/v1/boards', B, { method: 'POST', body });
const patch = (id: string, body: unknown) => call(one.PATCH, `/api/v1/boards/${id}`, { ...B, id }, { method: 'PATCH', body });
const get = (id: string) => call(one.GET, `/api/v1/boards/${id}`, { ...B, id });
const boardData = (id: string, query = '') => call(data.GET, `/api/v1/boards/${id}/data${query}`, { ...B, id });

const TILES = [
  { id: 'rounds', kind: 'table', title: 'Microsoft rounds', path: '/investments?investor=microsoft&sort=amount_usd&order=desc', rows: 5, x: 0, y: 0, w: 12, h: 5 },
  { id: 'builders', kind: 'table', path: '/companies?kind=builder', x: 0, y: 5, w: 6, h: 4 },
  { id: 'hhi', kind: 'metric', path: '/concentration?basis=funding', metric: 'hhi', x: 6, y: 5, w: 3, h: 2 },
  { id: 'lorenz', kind: 'chart', path: '/concentration?basis=funding', chart: 'lorenz', x: 9, y: 5, w: 3, h: 4 },
  { id: 'layers', kind: 'chart', path: '/', chart: 'funding-by-layer', x: 6, y: 7, w: 3, h: 2 },
  { id: 'note', kind: 'note', text: '**Base** concentrates; <script>alert(1)</script>', x: 0, y: 9, w: 12, h: 2 },
];

describe('boards', () => {
  let id = '';
  it('creates a board owned by its writer at version 1', async () => {
    const made = await create({ title: 'Thesis', tiles: TILES, filters: { from: '2019' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    id = made.body.id;
    expect(made.body).toMatchObject({ owner: 'local', version: 1, visibility: 'private' });
    expect(made.body.tiles).toHaveLength(TILES.length);
  });

  it('loads every tile with the board filters merged over its own parameters', async () => {
    const reply = await boardData(id, '?layer=foundation&to=2021');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.filters).toEqual({ layer: 'foundation', from: '2019', to: '2021' });
    const byId = Object.fromEntries(reply.body.tiles.map((tile: { id: string }) => [tile.id, tile]));
    // investments take from/to (announced_on) and investor, not layer
    expect(byId.rounds.applied).toEqual(['from', 'to']);
    expect(byId.rounds.ignored).toEqual(['layer']);
    expect(byId.rounds.path).toBe('/investments?investor=microsoft&sort=amount_usd&order=desc&announced_on__gte=2019-01-01&announced_on__lte=2021-12-31');
    const twin = await call(list.GET, `/api/v1/investments?investor=microsoft&sort=amount_usd&order=desc&announced_on__gte=2019-01-01&announced_on__lte=2021-12-31&pageSize=5`, { collection: 'investments' });
    expect(twin.body.total).toBeGreaterThan(0);
    expect(byId.rounds.data.rows.map((r: { id: string }) => r.id)).toEqual(twin.body.rows.map((r: { id: string }) => r.id));
    expect(byId.rounds.data.total).toBe(twin.body.total);
    expect(byId.builders.applied).toEqual(['layer']);
    expect(byId.builders.data.rows.every((r: { layer: string }) => r.layer === 'foundation')).toBe(true);
    expect(byId.hhi.applied).toEqual(['layer', 'from', 'to']);
    expect(byId.hhi.data).toMatchObject({ metric: 'hhi', value: 10_000, band: 'highly', comparison: { from: '2016-01-01', to: '2018-12-31', value: null } });
    expect(byId.layers.ignored).toEqual(['layer', 'from', 'to']);
    expect(byId.note.data.text).toContain('<script>');
  });

  it('keeps Chinese titles, note text and description beside the English ones', async () => {
    const tiles = TILES.map((tile) => (tile.id === 'note' ? { ...tile, title_zh: '笔记', text_zh: '**底层**集中' } : tile.id === 'hhi' ? { ...tile, title_zh: '融资 HHI' } : tile));
    const made = await create({ title: 'Bilingual', title_zh: '双语', description: 'About', description_zh: '说明', tiles });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ description_zh: '说明' });
    const byId = Object.fromEntries((await boardData(made.body.id)).body.tiles.map((tile: { id: string }) => [tile.id, tile]));
    expect(byId.note).toMatchObject({ title_zh: '笔记', data: { text_zh: '**底层**集中' } });
    expect(byId.hhi).toMatchObject({ title: null, title_zh: '融资 HHI' });
    expect(byId.rounds.title_zh).toBeNull();
  });

  it('an empty URL value clears a stored default; unknown or malformed filters are 400', async () => {
    expect((await boardData(id, '?from=')).body.filters).toEqual({});
    const unknown = await boardData(id, '?sector=ai');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'invalid_param', param: 'sector' });
    expect((await boardData(id, '?from=22')).status).toBe(400);
    expect((await boardData(id, '?from=2023&to=2021')).status).toBe(400);
    expect((await boardData(id, '?layer=crypto')).body.error.param).toBe('layer');
    expect((await boardData('nope')).status).toBe(404);
  });

  it('refuses bad tiles with 422 naming the tile and field, and writes nothing', async () => {
    const bad: [unknown, string, RegExp?][] = [
      [[{ ...TILES[0], kind: 'gauge' }], 'tiles.0.kind'],
      [[{ ...TILES[0], x: 4 }], 'tiles.0.w', /past the grid/],
      [[TILES[1], { ...TILES[2], x: 0 }], 'tiles.1.y', /overlaps tile "builders"/],
      [Array.from({ length: 61 }, (_, i) => ({ ...TILES[5], id: `n${i}`, y: i })), 'tiles'],
      [[{ ...TILES[0], path: 'https://evil.example/x' }], 'tiles.0.path', /another site/],
      [[{ ...TILES[0], path: '/api/v1/investments' }], 'tiles.0.path'],
      [[{ ...TILES[0], path: '/investments/new' }], 'tiles.0.path'],
      [[{ ...TILES[0], path: '/unicorns' }], 'tiles.0.path'],
      [[{ ...TILES[0], path: '/investments?colour=red' }], 'tiles.0.path', /parameter "colour"/],
      [[{ ...TILES[2], path: '/concentration?basis=vibes' }], 'tiles.0.path', /basis/],
      [[{ ...TILES[3], chart: 'funding-by-layer' }], 'tiles.0.chart'],
      [[{ ...TILES[0], id: 'same' }, { ...TILES[1], id: 'same' }], 'tiles.1.id'],
      [[{ ...TILES[0], title_zh: '   ' }], 'tiles.0.title_zh'],
      [[{ ...TILES[5], text_zh: 'x'.repeat(20_001) }], 'tiles.0.text_zh'],
    ];
    for (const [tiles, path, message] of bad) {
      const reply = await patch(id, { tiles });
      expect(reply.status, JSON.stringify(tiles).slice(0, 200)).toBe(422);
      const issue = reply.body.error.issues.find((i: { path: string }) => i.path === path);
      expect(issue, JSON.stringify(reply.body.error.issues)).toBeDefined();
      if (message) expect(issue.message).toMatch(message);
    }
    const now = await get(id);
    expect(now.body.tiles).toHaveLength(TILES.length);
    expect(now.body.version).toBe(1);
  });

  it('a stale version is a 409 and changes nothing; a current one moves the version on', async () => {
    const moved = await patch(id, { version: 1, title: 'Thesis, moved' });
    expect(moved.status).toBe(200);
    expect(moved.body.version).toBe(2);
    const stale = await patch(id, { version: 1, title: 'lost edit' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await get(id)).body.title).toBe('Thesis, moved');
    expect((await patch(id, { version: 'two' })).status).toBe(422);
  });

  it('pins a tile below the others, with an id of its own, and undo takes it away', async () => {
    const pinTile = (body: unknown) => call(pin.POST, `/api/v1/boards/${id}/tiles`, { ...B, id }, { method: 'POST', body });
    const missing = await pinTile({ tile: { kind: 'indicator', hypothesis_id: 'h-none' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues[0]).toMatchObject({ path: `tiles.${TILES.length}.hypothesis_id` });
    const before = (await get(id)).body;
    const pinned = await pinTile({ tile: { kind: 'table', path: '/use-cases?stage=production' } });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(201);
    const added = pinned.body.tiles.at(-1);
    expect(added).toMatchObject({ id: `t${TILES.length + 1}`, kind: 'table', x: 0, y: 11, w: 12, h: 6 });
    expect(pinned.body.version).toBe(before.version + 1);
    expect((await pinTile({ tile: { kind: 'note', text: 'x' }, version: before.version })).status).toBe(409);
    const log = await call(changes.GET, '/api/v1/changes?collection=boards', {});
    const last = log.body.rows[0];
    expect(last).toMatchObject({ collection: 'boards', rowId: id, action: 'update' });
    const undone = await call(undo.POST, `/api/v1/changes/${last.id}/undo`, { id: String(last.id) }, { method: 'POST' });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    const after = (await get(id)).body;
    expect(after.tiles).toEqual(before.tiles);
    expect(after.version).toBe(before.version + 2); // an undo is a write: a page holding the undone version must reload
  });

  it('shares, Lorenz and metric tiles give what /api/v1/concentration gives for their view', async () => {
    const views = ['basis=funding', 'basis=funding&top=2', 'basis=rounds&by=investor'];
    const tiles = views.flatMap((query, i) => [
      { id: `shares${i}`, kind: 'chart', path: `/concentration?${query}`, chart: 'shares', x: 0, y: i * 4, w: 4, h: 4 },
      { id: `lorenz${i}`, kind: 'chart', path: `/concentration?${query}`, chart: 'lorenz', x: 4, y: i * 4, w: 4, h: 4 },
      { id: `gini${i}`, kind: 'metric', path: `/concentration?${query}`, metric: 'gini', x: 8, y: i * 4, w: 2, h: 4 },
      { id: `cr4${i}`, kind: 'metric', path: `/concentration?${query}`, metric: 'cr4', x: 10, y: i * 4, w: 2, h: 4 },
    ]);
    const made = await create({ title: 'Measures', tiles });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const byId = Object.fromEntries((await boardData(made.body.id)).body.tiles.map((tile: { id: string }) => [tile.id, tile]));
    for (const [i, query] of views.entries()) {
      const twin = (await call(concentration.GET, `/api/v1/concentration?${query}`, {})).body;
      expect(twin.n).toBeGreaterThan(1);
      for (const chart of ['shares', 'lorenz']) expect(byId[`${chart}${i}`].data.report).toEqual({ ...twin, shares: twin.shares.slice(0, 12) });
      expect(byId[`gini${i}`].data).toMatchObject({ metric: 'gini', value: twin.gini, n: twin.n });
      expect(byId[`cr4${i}`].data).toMatchObject({ metric: 'cr4', value: twin.cr['4'], n: twin.n });
    }
    expect(byId.shares1.data.report.shares.map((s: { id: string }) => s.id).at(-1)).toBe('_others');
  });
});
