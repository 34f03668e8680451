// Issue 18, through the real route handlers on a real database: a committed change tells the follows and rules it
// touches in its own transaction — one notification per follow or rule however many rows it wrote, a pending
// delivery per webhook or email channel of a rule that fired — and nothing when it touches none.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import * as follows from '../../app/api/v1/follows/route';
import * as followOne from '../../app/api/v1/follows/[id]/route';
import * as inbox from '../../app/api/v1/inbox/route';
import * as seen from '../../app/api/v1/inbox/seen/route';
import * as toggle from '../../app/following/toggle/route';
import { createRow } from '../../db/repository';
import { postCsv, undoImport, lines } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE = '1';
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => {
  delete process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE;
  await t.cleanup();
});

const I = { collection: 'investments' };
const follow = (body: unknown) => call(follows.POST, '/api/v1/follows', {}, { method: 'POST', body });
const postRound = (body: unknown) => call(list.POST, '/api/v1/investments', I, { method: 'POST', body });
const rule = (body: unknown) => call(list.POST, '/api/v1/alerts', { collection: 'alerts' }, { method: 'POST', body });
const readInbox = async () => (await call(inbox.GET, '/api/v1/inbox?limit=200', {})).body as { rows: { id: number; summary: string; summaryZh: string; url: string; payload: { rows?: { count: number; ids?: string[] } }; followId: string | null; alertId: string | null; kind: string }[]; unseen: number };
const count = async (table: 'notifications' | 'deliveries') => Number((await t.atlas.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('follows and the outbox', () => {
  let companyFollow = '';
  let investorFollow = '';
  let viewFollow = '';
  let webhookRule = '';

  it('costs one query and writes nothing while nobody follows anything', async () => {
    expect((await postRound({ id: 'quiet-1', company_id: 'mem', round_type: 'seed' })).status).toBe(201);
    expect(await count('notifications')).toBe(0);
  });

  it('follows a company as a company and as an investor, and a table view', async () => {
    const a = await follow({ kind: 'company', target: 'harvey' });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ kind: 'company', target: 'harvey', title: 'Harvey' });
    companyFollow = a.body.id;
    expect((await follow({ kind: 'company', target: 'harvey' })).status).toBe(200); // already followed
    const b = await follow({ kind: 'investor', target: 'sequoia' });
    expect(b.status).toBe(201);
    investorFollow = b.body.id;
    const c = await follow({ kind: 'view', target: '/investments?round_type=seed&sort=amount_usd', title: 'Seed rounds' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    viewFollow = c.body.id;
    const listed = await call(follows.GET, '/api/v1/follows', {});
    expect(listed.body.rows.map((f: { id: string }) => f.id).sort()).toEqual([companyFollow, investorFollow, viewFollow].sort());
  });

  it('refuses what cannot be followed (422 naming target; 400 for unknown fields)', async () => {
    const missing = await follow({ kind: 'company', target: 'nobody' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues[0].path).toBe('target');
    const badView = await follow({ kind: 'view', target: '/investments?round_type=banana' });
    expect(badView.status).toBe(422);
    expect(badView.body.error.issues[0].message).toContain('round_type');
    expect((await follow({ kind: 'view', target: '/boards' })).status).toBe(422);
    expect((await follow({ kind: 'planet', target: 'x' })).status).toBe(422);
    expect((await follow({ kind: 'company', target: 'harvey', extra: 1 })).status).toBe(422);
  });

  it('a matching round posted → one notification per follow it touches, linking to exactly that row', async () => {
    const before = await count('notifications');
    expect((await postRound({ id: 'harvey-b', company_id: 'harvey', round_type: 'seed', announced_on: '2024-02-01', investors: ['sequoia'] })).status).toBe(201);
    const { rows, unseen } = await readInbox();
    expect(await count('notifications')).toBe(before + 3);
    expect(unseen).toBe(3);
    const byFollow = new Map(rows.map((r) => [r.followId, r]));
    expect(byFollow.get(companyFollow)?.summary).toBe('1 new round matches “Harvey”');
    expect(byFollow.get(companyFollow)?.summaryZh).toContain('新增 1 轮融资');
    expect(byFollow.get(companyFollow)?.url).toBe('/investments?company_id=harvey&id=harvey-b');
    expect(byFollow.get(investorFollow)?.url).toBe('/investments?investor=sequoia&id=harvey-b');
    expect(byFollow.get(viewFollow)?.url).toBe('/investments?round_type=seed&sort=amount_usd&id=harvey-b');
    expect(byFollow.get(viewFollow)?.payload.rows).toMatchObject({ count: 1, ids: ['harvey-b'] });
  });

  it('a round matching no follow → none', async () => {
    const before = await count('notifications');
    expect((await postRound({ id: 'baidu-x', company_id: 'baidu', round_type: 'series_b' })).status).toBe(201);
    expect(await count('notifications')).toBe(before);
  });

  it('an edit, a delete and an undo each tell the follows they touch', async () => {
    let before = await count('notifications');
    const edited = await call(one.PATCH, '/api/v1/investments/baidu-x', { ...I, id: 'baidu-x' }, { method: 'PATCH', body: { round_type: 'seed' } });
    expect(edited.status).toBe(200);
    let rows = (await readInbox()).rows;
    expect(await count('notifications')).toBe(before + 1);
    expect(rows[0]).toMatchObject({ followId: viewFollow, summary: '1 new round matches “Seed rounds”' });
    before = await count('notifications');
    expect((await call(one.DELETE, '/api/v1/investments/baidu-x', { ...I, id: 'baidu-x' }, { method: 'DELETE' })).status).toBe(204);
    rows = (await readInbox()).rows;
    expect(await count('notifications')).toBe(before + 1);
    expect(rows[0].summary).toBe('1 round removed from “Seed rounds”');
    const change = await t.atlas.db.selectFrom('changes').select('id').where('row_id', '=', 'baidu-x').where('action', '=', 'delete').executeTakeFirstOrThrow();
    before = await count('notifications');
    expect((await call(undo.POST, `/api/v1/changes/${change.id}/undo`, { id: String(change.id) }, { method: 'POST' })).status).toBe(200);
    expect(await count('notifications')).toBe(before + 1);
    expect((await readInbox()).rows[0].summary).toBe('1 new round matches “Seed rounds”');
  });

  it('marks seen up to an id, then all', async () => {
    const { rows, unseen } = await readInbox();
    expect(unseen).toBeGreaterThan(1);
    const oldest = rows[rows.length - 1].id;
    const some = await call(seen.POST, '/api/v1/inbox/seen', {}, { method: 'POST', body: { upTo: oldest } });
    expect(some.status).toBe(200);
    expect(some.body).toEqual({ marked: 1, unseen: unseen - 1 });
    const all = await call(seen.POST, '/api/v1/inbox/seen', {}, { method: 'POST', body: {} });
    expect(all.body.unseen).toBe(0);
    expect((await call(seen.POST, '/api/v1/inbox/seen', {}, { method: 'POST', body: { upTo: -1 } })).status).toBe(422);
    expect((await call(inbox.GET, '/api/v1/inbox?limit=0', {})).status).toBe(400);
    expect((await call(inbox.GET, '/api/v1/inbox?colour=red', {})).body.error.param).toBe('colour');
  });

  it('a new-rows rule with a webhook: the delivery row is written with the notification, pending', async () => {
    const made = await rule({ title: 'Big seed rounds', kind: 'new-rows', path: '/investments?round_type=seed&amount_usd__gte=1000000', channels: { inbox: true, webhook: { url: 'http://127.0.0.1:9/hook' }, email: 'analyst@example.com' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    webhookRule = made.body.id;
    const deliveries = await count('deliveries');
    expect((await postRound({ id: 'harvey-c', company_id: 'harvey', round_type: 'seed', amount_usd: 9_000_000 })).status).toBe(201);
    const rows = await t.atlas.db.selectFrom('deliveries').selectAll().where('alert_id', '=', webhookRule).execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((d) => d.channel).sort()).toEqual(['email', 'webhook']);
    for (const d of rows) {
      expect(d).toMatchObject({ state: 'pending', attempts: 0 });
      expect(d.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await count('deliveries')).toBe(deliveries + 2);
    const note = (await readInbox()).rows.find((r) => r.alertId === webhookRule);
    expect(note).toMatchObject({ kind: 'new-rows', summary: '1 new round matches “Big seed rounds”', url: '/investments?round_type=seed&amount_usd__gte=1000000&id=harvey-c' });
    // A small round is no match: no notification, no delivery.
    expect((await postRound({ id: 'harvey-d', company_id: 'harvey', round_type: 'seed', amount_usd: 10 })).status).toBe(201);
    expect(await t.atlas.db.selectFrom('deliveries').select('id').where('alert_id', '=', webhookRule).execute()).toHaveLength(2);
  });

  it('a change rolled back leaves no notification and no delivery', async () => {
    const notes = await count('notifications');
    const deliveries = await count('deliveries');
    await expect(
      t.atlas.db.transaction().execute(async (trx) => {
        // The same hook, inside a transaction that then fails.
        const { Outbox } = await import('../../db/outbox');
        const { getCollection } = await import('../../lib/collections');
        const outbox = await Outbox.open(trx, t.atlas.dialect, [getCollection('investments')]);
        await trx.insertInto('investments' as never).values({ id: 'rolled', company_id: 'harvey', round_type: 'seed', amount_usd: 5_000_000, disputed: 0, created_at: 'x', updated_at: 'x' } as never).execute();
        await outbox?.close({ ids: ['rolled'] });
        expect(Number((await trx.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(deliveries + 2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count('notifications')).toBe(notes);
    expect(await count('deliveries')).toBe(deliveries);
    // And through the write path: a refused write (a missing company) writes nothing.
    await expect(createRow(t.atlas, 'investments', { id: 'bad', company_id: 'nobody', round_type: 'seed', amount_usd: 5_000_000 }, { actor: 'local' })).rejects.toThrow();
    expect(await count('deliveries')).toBe(deliveries);
  });

  it('an import is one notification per follow and rule, and its undo one more', async () => {
    const notes = await count('notifications');
    const rows = Array.from({ length: 300 }, (_, i) => `imp-${i},harvey,seed,2024-03-0${1 + (i % 9)},${2_000_000 + i}`);
    const imported = await postCsv('investments', lines('id,company_id,round_type,announced_on,amount_usd', ...rows));
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(200);
    expect(imported.body.inserted).toBe(300);
    const fresh = (await readInbox()).rows.slice(0, (await count('notifications')) - notes);
    // Harvey (company), the seed view, the rule: one each (Sequoia took no part).
    expect(fresh.map((r) => r.followId ?? r.alertId).sort()).toEqual([companyFollow, viewFollow, webhookRule].sort());
    const company = fresh.find((r) => r.followId === companyFollow);
    expect(company?.summary).toBe('300 new rounds match “Harvey”');
    expect(company?.payload.rows?.count).toBe(300);
    expect(company?.payload.rows?.ids).toHaveLength(100);
    expect(company?.url).toMatch(/^\/investments\?company_id=harvey&updated_at__gte=.+&updated_at__lte=.+$/);
    const link = new URL(company?.url ?? '', 'http://x');
    const listed = await call(list.GET, `/api/v1/investments${link.search}&pageSize=1`, I);
    expect(listed.body.total).toBe(300);
    const after = await count('notifications');
    expect((await undoImport(imported.body.batchId as string)).status).toBe(200);
    const undone = (await readInbox()).rows.slice(0, (await count('notifications')) - after);
    expect(undone.map((r) => r.followId ?? r.alertId).sort()).toEqual([companyFollow, viewFollow].sort());
    expect(undone[0].summary).toContain('300 rounds removed');
  });

  it('unfollowing stops the notifications; another owner\'s follow is 404', async () => {
    expect((await call(followOne.DELETE, `/api/v1/follows/${investorFollow}`, { id: investorFollow }, { method: 'DELETE' })).status).toBe(204);
    expect((await call(followOne.DELETE, `/api/v1/follows/${investorFollow}`, { id: investorFollow }, { method: 'DELETE' })).status).toBe(404);
    const before = await count('notifications');
    expect((await postRound({ id: 'zhipu-b', company_id: 'zhipu-ai', round_type: 'series_b', investors: ['sequoia'] })).status).toBe(201);
    expect(await count('notifications')).toBe(before);
  });

  it('the Follow button\'s form follows and unfollows, then goes back to its page (a path of this site only)', async () => {
    const post = (fields: Record<string, string>) =>
      toggle.POST(new Request('http://localhost:3000/following/toggle', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams(fields) }));
    const followed = await post({ kind: 'company', target: 'mem', back: '/companies/mem' });
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe('/companies/mem');
    const mine = (await call(follows.GET, '/api/v1/follows', {})).body.rows.find((f: { target: string; kind: string }) => f.target === 'mem' && f.kind === 'company');
    expect(mine).toBeDefined();
    const away = await post({ kind: 'company', target: 'mem', back: '//evil.example/x', unfollow: mine.id });
    expect(away.status).toBe(303);
    expect(away.headers.get('location')).toBe('/');
    expect((await call(follows.GET, '/api/v1/follows', {})).body.rows.some((f: { id: string }) => f.id === mine.id)).toBe(false);
    expect((await post({ kind: 'company', target: 'nobody', back: '/' })).status).toBe(422);
    expect((await post({ kind: 'planet', target: 'mem', back: '/' })).status).toBe(422);
  });

  it('the notifications table is read with the owner index', async () => {
    const owners = await sql<{ owner: string }>`select distinct owner from notifications`.execute(t.atlas.db);
    expect(owners.rows.map((r) => r.owner)).toEqual(['local']);
  });
});
