// Follows and alert rules in team mode (issue 18): each user has their own follows, inbox and rules; another
// user's rule does not exist for them (404); a viewer may follow, read the inbox and keep inbox rules, not
// webhook or email rules (403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as follows from '../../app/api/v1/follows/route';
import * as followOne from '../../app/api/v1/follows/[id]/route';
import * as inbox from '../../app/api/v1/inbox/route';
import * as seen from '../../app/api/v1/inbox/seen/route';
import { addUser, browser, sessionFor } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
const as: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE = '1';
  t = await useTestDatabase();
  await loadFixtures();
  for (const [name, role] of [['admin', 'admin'], ['owner', 'editor'], ['other', 'editor'], ['viewer', 'viewer']] as const) {
    as[name] = browser(await sessionFor(t.atlas, (await addUser(t.atlas, `${name}@example.com`, role)).id));
  }
});
afterAll(async () => {
  delete process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE;
  await t.cleanup();
});

const A = { collection: 'alerts' };
const create = (who: string, body: unknown) => call(list.POST, '/api/v1/alerts', A, { method: 'POST', body, headers: as[who] });
const rule = (title: string, channels: unknown) => ({ title, kind: 'new-rows', path: '/investments?company_id=harvey', channels });
const INBOX = { inbox: true, webhook: null, email: null };

describe('alert rules and follows in team mode', () => {
  let ownerRule = '';

  it('an editor keeps a webhook rule, owned by them; another editor gets 404 for it everywhere', async () => {
    const made = await create('owner', rule('Owner hook', { inbox: true, webhook: { url: 'http://127.0.0.1:9/x' }, email: 'owner@example.com' }));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.owner).toBe('owner@example.com');
    ownerRule = made.body.id;
    const id = ownerRule;
    for (const reply of [
      await call(one.GET, `/api/v1/alerts/${id}`, { ...A, id }, { headers: as.other }),
      await call(one.PATCH, `/api/v1/alerts/${id}`, { ...A, id }, { method: 'PATCH', body: { title: 'mine now' }, headers: as.other }),
      await call(one.DELETE, `/api/v1/alerts/${id}`, { ...A, id }, { method: 'DELETE', headers: as.other }),
      await call(one.GET, `/api/v1/alerts/${id}`, { ...A, id }, { headers: as.viewer }),
    ]) {
      expect(reply.status).toBe(404);
      expect(reply.text).not.toContain('Owner hook');
    }
    expect((await call(list.GET, '/api/v1/alerts', A, { headers: as.other })).body.total).toBe(0);
    const csv = await call(list.GET, '/api/v1/alerts.csv', { collection: 'alerts.csv' }, { headers: as.other });
    expect(csv.text).not.toContain('Owner hook');
    expect((await call(one.GET, `/api/v1/alerts/${id}`, { ...A, id }, { headers: as.owner })).body.title).toBe('Owner hook');
    expect((await call(one.GET, `/api/v1/alerts/${id}`, { ...A, id }, { headers: as.admin })).status).toBe(200);
  });

  it('a viewer may keep inbox rules, not webhook or email rules (403)', async () => {
    const hook = await create('viewer', rule('Viewer hook', { inbox: true, webhook: { url: 'http://127.0.0.1:9/x' }, email: null }));
    expect(hook.status).toBe(403);
    const mail = await create('viewer', rule('Viewer mail', { inbox: false, webhook: null, email: 'viewer@example.com' }));
    expect(mail.status).toBe(403);
    const mine = await create('viewer', rule('Viewer inbox', INBOX));
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    const id = mine.body.id;
    const upgrade = await call(one.PATCH, `/api/v1/alerts/${id}`, { ...A, id }, { method: 'PATCH', body: { channels: { ...INBOX, email: 'viewer@example.com' } }, headers: as.viewer });
    expect(upgrade.status).toBe(403);
    expect((await call(one.PATCH, `/api/v1/alerts/${id}`, { ...A, id }, { method: 'PATCH', body: { title: 'Viewer inbox rule' }, headers: as.viewer })).status).toBe(200);
    // A viewer still writes no data.
    expect((await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body: { company_id: 'harvey' }, headers: as.viewer })).status).toBe(403);
  });

  it('each user follows and reads their own inbox; a round tells each of them once', async () => {
    const viewerFollow = await call(follows.POST, '/api/v1/follows', {}, { method: 'POST', body: { kind: 'company', target: 'harvey' }, headers: as.viewer });
    expect(viewerFollow.status).toBe(201);
    expect((await call(follows.POST, '/api/v1/follows', {}, { method: 'POST', body: { kind: 'company', target: 'harvey' }, headers: as.other })).status).toBe(201);
    expect((await call(followOne.DELETE, `/api/v1/follows/${viewerFollow.body.id}`, { id: viewerFollow.body.id }, { method: 'DELETE', headers: as.other })).status).toBe(404);
    expect((await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body: { id: 'harvey-team', company_id: 'harvey', round_type: 'seed' }, headers: as.owner })).status).toBe(201);
    const read = async (who: string) => (await call(inbox.GET, '/api/v1/inbox', {}, { headers: as[who] })).body as { rows: { summary: string; alertId: string | null }[]; unseen: number };
    const viewer = await read('viewer');
    expect(viewer.unseen).toBe(2); // the follow and the viewer's inbox rule
    expect((await read('other')).rows.map((r) => r.summary)).toEqual(['1 new round matches “Harvey”']);
    const owner = await read('owner');
    expect(owner.rows).toHaveLength(1);
    expect(owner.rows[0].alertId).toBe(ownerRule);
    expect((await read('admin')).rows).toHaveLength(0);
    expect((await call(seen.POST, '/api/v1/inbox/seen', {}, { method: 'POST', body: {}, headers: as.viewer })).body).toEqual({ marked: 2, unseen: 0 });
    expect((await read('other')).unseen).toBe(1);
    const deliveries = await t.atlas.db.selectFrom('deliveries').select(['alert_id', 'channel']).execute();
    expect(deliveries.map((d) => `${d.alert_id}:${d.channel}`).sort()).toEqual([`${ownerRule}:email`, `${ownerRule}:webhook`]);
  });

  it('signed out: 401', async () => {
    expect((await call(inbox.GET, '/api/v1/inbox', {})).status).toBe(401);
    expect((await call(follows.POST, '/api/v1/follows', {}, { method: 'POST', body: { kind: 'company', target: 'harvey' } })).status).toBe(401);
  });
});
