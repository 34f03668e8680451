// Boards in team mode through the real route handlers: a private board exists only for its owner and admins
// (404 for anyone else, in every route, list, CSV, facet, change log and share link); a team board is read by
// everyone signed in and changed by its owner and admins only; viewers change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as data from '../../app/api/v1/[collection]/[id]/data/route';
import * as exportZip from '../../app/api/v1/[collection]/[id]/export.zip/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as tiles from '../../app/api/v1/[collection]/[id]/tiles/route';
import * as facets from '../../app/api/v1/[collection]/facets/route';
import * as changes from '../../app/api/v1/changes/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import * as shares from '../../app/api/v1/shares/route';
import * as sData from '../../app/api/v1/s/[token]/route';
import { addUser, browser, sessionFor } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
const as: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures(); // in local mode, before any user exists
  for (const [name, role] of [['admin', 'admin'], ['owner', 'editor'], ['other', 'editor'], ['viewer', 'viewer']] as const) {
    as[name] = browser(await sessionFor(t.atlas, (await addUser(t.atlas, `${name}@example.com`, role)).id));
  }
});
afterAll(async () => t.cleanup());

const B = { collection: 'boards' };
const TILE = { id: 'hhi', kind: 'metric', path: '/concentration?basis=funding', metric: 'hhi', x: 0, y: 0, w: 3, h: 2 };
const create = (who: string, body: unknown) => call(list.POST, '/api/v1/boards', B, { method: 'POST', body, headers: as[who] });
const get = (who: string, id: string) => call(one.GET, `/api/v1/boards/${id}`, { ...B, id }, { headers: as[who] });
const patch = (who: string, id: string, body: unknown) => call(one.PATCH, `/api/v1/boards/${id}`, { ...B, id }, { method: 'PATCH', body, headers: as[who] });
const remove = (who: string, id: string) => call(one.DELETE, `/api/v1/boards/${id}`, { ...B, id }, { method: 'DELETE', headers: as[who] });
const boardData = (who: string, id: string) => call(data.GET, `/api/v1/boards/${id}/data`, { ...B, id }, { headers: as[who] });
const zip = (who: string, id: string) => call(exportZip.GET, `/api/v1/boards/${id}/export.zip`, { ...B, id }, { headers: as[who] });
const log = (who: string, id: string) => call(history.GET, `/api/v1/boards/${id}/history`, { ...B, id }, { headers: as[who] });
const pin = (who: string, id: string) => call(tiles.POST, `/api/v1/boards/${id}/tiles`, { ...B, id }, { method: 'POST', body: { tile: { kind: 'note', text: 'pinned' } }, headers: as[who] });
const share = (who: string, id: string) => call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body: { path: `/boards/${id}?from=2019` }, headers: as[who] });
const listed = async (who: string) => (await call(list.GET, '/api/v1/boards?pageSize=100', B, { headers: as[who] })).body.rows.map((r: { id: string }) => r.id);

describe('boards in team mode', () => {
  let mine = '';
  let team = '';
  beforeAll(async () => {
    const made = await create('owner', { title: 'Owner private', tiles: [TILE] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ owner: 'owner@example.com', visibility: 'private' });
    mine = made.body.id;
    const shared = await create('owner', { title: 'Owner team', visibility: 'team', tiles: [TILE] });
    expect(shared.status).toBe(201);
    team = shared.body.id;
  });

  it('another editor: a private board does not exist for them (404 everywhere, absent from lists)', async () => {
    for (const reply of [await get('other', mine), await patch('other', mine, { title: 'x' }), await remove('other', mine), await boardData('other', mine), await zip('other', mine), await log('other', mine), await pin('other', mine)]) {
      expect(reply.status, reply.text.slice(0, 200)).toBe(404);
      expect(reply.text).not.toContain('Owner private');
    }
    expect(await listed('other')).toEqual([team]);
    const csv = await call(list.GET, '/api/v1/boards.csv', { collection: 'boards.csv' }, { headers: as.other });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Owner team');
    expect(csv.text).not.toContain('Owner private');
    const facet = await call(facets.GET, '/api/v1/boards/facets?facet=visibility&facet=owner', B, { headers: as.other });
    expect(facet.status).toBe(200);
    expect(JSON.stringify(facet.body)).toContain('"team"');
    expect(JSON.stringify(facet.body)).not.toContain('"private"');
    const recent = await call(changes.GET, '/api/v1/changes', {}, { headers: as.other });
    expect(recent.body.rows.some((c: { rowId: string }) => c.rowId === mine)).toBe(false);
    expect(recent.body.rows.some((c: { rowId: string }) => c.rowId === team)).toBe(true);
    // Nothing was written by the refused calls.
    expect((await get('owner', mine)).body).toMatchObject({ title: 'Owner private', version: 1 });
  });

  it('another editor reads a team board but may not change it (403)', async () => {
    expect((await get('other', team)).status).toBe(200);
    expect((await boardData('other', team)).status).toBe(200);
    expect((await zip('other', team)).status).toBe(200);
    expect((await log('other', team)).status).toBe(200);
    for (const reply of [await patch('other', team, { title: 'taken over' }), await pin('other', team), await remove('other', team)]) {
      expect(reply.status, reply.text.slice(0, 200)).toBe(403);
      expect(reply.body.error.message).toMatch(/only its owner \(owner@example\.com\) or an admin/);
    }
    expect((await get('owner', team)).body).toMatchObject({ title: 'Owner team', version: 1 });
  });

  it('an admin sees and edits both', async () => {
    expect(await listed('admin')).toEqual(expect.arrayContaining([mine, team]));
    for (const id of [mine, team]) {
      expect((await boardData('admin', id)).status).toBe(200);
      const edited = await patch('admin', id, { description: 'checked by an admin' });
      expect(edited.status, edited.text.slice(0, 200)).toBe(200);
      expect(edited.body.owner).toBe('owner@example.com');
      expect((await pin('admin', id)).status).toBe(201);
    }
  });

  it('a viewer reads a team board and its data; every write is 403', async () => {
    const read = await boardData('viewer', team);
    expect(read.status).toBe(200);
    expect(read.body.tiles[0].data.metric).toBe('hhi');
    expect((await get('viewer', mine)).status).toBe(404);
    for (const reply of [await create('viewer', { title: 'nope' }), await patch('viewer', team, { title: 'x' }), await remove('viewer', team), await pin('viewer', team), await share('viewer', team)]) {
      expect(reply.status, reply.text.slice(0, 200)).toBe(403);
    }
  });

  it('a share link of another user’s private board is 404; of a board one may see, 201', async () => {
    const refused = await share('other', mine);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain('Owner private');
    expect((await share('other', team)).status).toBe(201);
    const own = await share('owner', mine);
    expect(own.status, own.text.slice(0, 200)).toBe(201);
    expect(own.body.title).toBe('Board Owner private');
    // Anyone with the link reads the board's data; a board has no single CSV.
    const visit = await call(sData.GET, `/api/v1/s/${own.body.token}`, { token: own.body.token });
    expect(visit.status).toBe(200);
    expect(visit.body).toMatchObject({ path: `/boards/${mine}?from=2019`, board: { id: mine }, filters: { from: '2019' } });
    const csv = await call(sData.GET, `/api/v1/s/${own.body.token}.csv`, { token: `${own.body.token}.csv` });
    expect(csv.status).toBe(404);
    expect(csv.body.error.message).toMatch(/only table views/);
  });

  it('undo of a change to a board is refused to anyone but its owner and admins', async () => {
    const edited = await patch('owner', team, { title: 'Owner team, renamed' });
    expect(edited.status).toBe(200);
    const entry = (await log('owner', team)).body.rows[0];
    expect(entry).toMatchObject({ action: 'update', actor: 'owner@example.com' });
    const undoAs = (who: string, id: number) => call(undo.POST, `/api/v1/changes/${id}/undo`, { id: String(id) }, { method: 'POST', headers: as[who] });
    const refused = await undoAs('other', entry.id);
    expect(refused.status).toBe(403);
    expect((await get('owner', team)).body.title).toBe('Owner team, renamed');
    const privateEntry = (await log('owner', mine)).body.rows[0];
    expect((await undoAs('other', privateEntry.id)).status).toBe(404);
    expect((await undoAs('viewer', entry.id)).status).toBe(403);
    const undone = await undoAs('owner', entry.id);
    expect(undone.status, undone.text.slice(0, 200)).toBe(200);
    expect((await get('owner', team)).body.title).toBe('Owner team');
  });
});
