// Issue 18 end to end, both halves together: a rule made through the API, a round posted through the API, the
// outbox row written with it, and the sender's signed POST to a real receiver on 127.0.0.1 — once, with the secret
// the rule's 201 answered; a round the view does not match sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import { getAtlas } from '../../db/connection';
import { DeliverySender, settingsFromEnv } from '../../db/delivery-sender';
import { verifyWebhookSignature } from '../../lib/alerts/delivery-format';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { startReceiver } from '../support/deliveries';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

let t: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE = '1';
  t = await useTestDatabase();
  await loadFixtures();
  receiver = await startReceiver();
});
afterAll(async () => {
  delete process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE;
  await receiver.close();
  await t.cleanup();
});

const post = (collection: string, body: unknown) => call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });

describe('a new-rows rule with a webhook, through both halves', () => {
  it('a matching round → one signed delivery naming the round; a non-matching one → none', async () => {
    const made = await post('alerts', { title: 'Seed rounds of Harvey', kind: 'new-rows', path: '/investments?round_type=seed&company_id=harvey', channels: { inbox: true, webhook: { url: receiver.url }, email: null } });
    expect(made.status, made.text.slice(0, 300)).toBe(201);
    const secret = made.body.channels.webhook.secret as string;
    const sender = new DeliverySender(getAtlas, settingsFromEnv({ allowPrivate: true, retryBaseMs: 1, pollMs: 50 }), () => {});
    try {
      expect((await post('investments', { id: 'e2e-seed', company_id: 'harvey', round_type: 'seed', announced_on: '2024-05-01' })).status).toBe(201);
      expect(await sender.pollOnce()).toBe(1);
      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      const timestamp = String(request!.headers['x-atlas-timestamp']);
      expect(verifyWebhookSignature(secret, timestamp, request!.body, String(request!.headers['x-atlas-signature']))).toBe(true);
      const body = JSON.parse(request!.body);
      expect(body).toMatchObject({
        id: request!.headers['x-atlas-delivery'],
        alert: { id: made.body.id, title: 'Seed rounds of Harvey' },
        event: { kind: 'new-rows', rows: { count: 1, ids: ['e2e-seed'] }, url: expect.stringContaining('id=e2e-seed') },
      });

      expect((await post('investments', { id: 'e2e-other', company_id: 'harvey', round_type: 'series_b', announced_on: '2024-06-01' })).status).toBe(201);
      expect(await sender.pollOnce()).toBe(0);
      expect(receiver.received, 'nothing for a round the view does not match').toHaveLength(1);
    } finally {
      await sender.stop();
    }
  });
});
