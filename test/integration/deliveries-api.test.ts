// The delivery log and "Test delivery" through the real route handlers, in local and team mode: attempts with
// their status codes newest first, a test event queued for each channel and sent by the sender to a real
// receiver, and another user's rule answered 404 like one that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deliveriesRoute from '../../app/api/v1/alerts/[id]/deliveries/route';
import * as testRoute from '../../app/api/v1/alerts/[id]/test/route';
import { getAtlas } from '../../db/connection';
import { DeliverySender, settingsFromEnv } from '../../db/delivery-sender';
import { verifyWebhookSignature } from '../../lib/alerts/delivery-format';
import { addUser, browser, sessionFor } from '../support/auth';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { insertPending, insertRule, SECRET, startReceiver } from '../support/deliveries';
import { call } from '../support/http';

let t: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await useTestDatabase();
  receiver = await startReceiver((_r, i) => (i === 0 ? { status: 500, body: 'not yet' } : { status: 200 }));
});
afterAll(async () => {
  await receiver.close();
  await t.cleanup();
});

const log = (id: string, headers: Record<string, string> = {}, query = '') => call(deliveriesRoute.GET, `/api/v1/alerts/${id}/deliveries${query}`, { id }, { headers });
const test = (id: string, headers: Record<string, string> = {}) => call(testRoute.POST, `/api/v1/alerts/${id}/test`, { id }, { method: 'POST', headers });
const sender = () => new DeliverySender(getAtlas, settingsFromEnv({ allowPrivate: true, retryBaseMs: 1 }), () => {});

describe('delivery log and test delivery (local mode)', () => {
  let alertId = '';
  beforeAll(async () => {
    alertId = await insertRule(t.atlas, { title: 'Seed rounds', webhook: receiver.url, email: 'analyst@example.org' });
  });

  it('lists a rule with no deliveries yet', async () => {
    const reply = await log(alertId);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ alert: { id: alertId, title: 'Seed rounds', active: true, failing: false }, deliveries: [] });
  });

  it('queues a test delivery per channel (202) that the sender then sends, signed, and the log shows every attempt newest first', async () => {
    const reply = await test(alertId);
    expect(reply.status, reply.text).toBe(202);
    expect(reply.body.deliveries.map((d: { channel: string }) => d.channel)).toEqual(['webhook', 'email']);
    const webhookId = reply.body.deliveries[0].id as string;
    expect(webhookId).toMatch(/^[0-9a-f-]{36}$/);
    const notification = await t.atlas.db.selectFrom('notifications').selectAll().where('id', '=', reply.body.notificationId).executeTakeFirstOrThrow();
    expect(notification).toMatchObject({ kind: 'test', alert_id: alertId, owner: 'local', summary: 'Test delivery of the alert “Seed rounds”' });

    const s = sender();
    await s.pollOnce(); // webhook: 500; email: no SMTP server configured
    await new Promise((resolve) => setTimeout(resolve, 20));
    await s.pollOnce(); // webhook: 200
    expect(receiver.received.map((r) => r.headers['x-atlas-delivery'])).toEqual([webhookId, webhookId]);
    const last = receiver.received[1];
    expect(verifyWebhookSignature(SECRET, String(last.headers['x-atlas-timestamp']), last.body, String(last.headers['x-atlas-signature']))).toBe(true);
    expect(JSON.parse(last.body).event).toMatchObject({ kind: 'test', summary: 'Test delivery of the alert “Seed rounds”', url: `/alerts/${alertId}/deliveries` });

    const listed = await log(alertId);
    expect(listed.status).toBe(200);
    const byChannel = Object.fromEntries(listed.body.deliveries.map((d: { channel: string }) => [d.channel, d]));
    expect(byChannel.webhook).toMatchObject({ id: webhookId, state: 'sent', attempts: 2, lastStatus: 200, lastError: null, nextAttemptAt: null, event: { kind: 'test' } });
    expect(byChannel.webhook.attemptLog.map((a: { status: number }) => a.status)).toEqual([200, 500]);
    expect(byChannel.webhook.attemptLog[1].error).toBe('HTTP 500: not yet');
    expect(byChannel.email).toMatchObject({ state: 'pending', attempts: 2, lastStatus: null, lastError: 'not sent: no SMTP server is configured (set ATLAS_SMTP_URL)' });
    expect(byChannel.email.nextAttemptAt).toEqual(expect.any(String));
  });

  it('lists newest first and takes a limit', async () => {
    await insertPending(t.atlas, alertId, { count: 3 });
    const all = await log(alertId);
    const created = all.body.deliveries.map((d: { createdAt: string }) => d.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const some = await log(alertId, {}, '?limit=2');
    expect(some.body.deliveries).toHaveLength(2);
  });

  it('refuses a bad limit (400, naming it) and answers 404 for an unknown rule', async () => {
    for (const bad of ['0', '501', 'ten', '1.5']) {
      const reply = await log(alertId, {}, `?limit=${bad}`);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'invalid_param', param: 'limit' });
    }
    expect((await log('no-such-rule')).status).toBe(404);
    const missing = await test('no-such-rule');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('no alert rule with id "no-such-rule"');
  });

  it('a rule with neither webhook nor email gets its test event and no delivery', async () => {
    const inboxOnly = await insertRule(t.atlas, { secret: null });
    const reply = await test(inboxOnly);
    expect(reply.status).toBe(202);
    expect(reply.body.deliveries).toEqual([]);
  });
});

describe('team mode: another user’s rule is invisible', () => {
  const as: Record<string, Record<string, string>> = {};
  let owned = '';
  beforeAll(async () => {
    for (const [name, role] of [['admin', 'admin'], ['owner', 'editor'], ['other', 'editor'], ['viewer', 'viewer']] as const) {
      as[name] = browser(await sessionFor(t.atlas, (await addUser(t.atlas, `${name}@example.com`, role)).id));
    }
    owned = await insertRule(t.atlas, { owner: 'owner@example.com', webhook: receiver.url });
  });

  it('its owner and an admin see the log; anyone else gets 404 from both routes, and no delivery is queued', async () => {
    expect((await log(owned, as.owner)).status).toBe(200);
    expect((await log(owned, as.admin)).status).toBe(200);
    const before = await t.atlas.db.selectFrom('deliveries').select('id').where('alert_id', '=', owned).execute();
    for (const who of ['other', 'viewer']) {
      const listed = await log(owned, as[who]);
      expect(listed.status).toBe(404);
      expect(listed.body.error.message).toBe(`no alert rule with id "${owned}"`);
      expect((await test(owned, as[who])).status).toBe(404);
    }
    expect(await t.atlas.db.selectFrom('deliveries').select('id').where('alert_id', '=', owned).execute()).toEqual(before);
    expect((await test(owned, as.owner)).status).toBe(202);
  });

  it('needs a session (401) and, for the test, a same-origin request (403)', async () => {
    expect((await log(owned)).status).toBe(401);
    const crossSite = await test(owned, { cookie: as.owner.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
  });
});
