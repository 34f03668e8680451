// An alert rule's delivery log in the browser, on an instance of its own (`npm start`'s scripts/serve.mjs, so the
// sender starts as in production, through instrumentation.ts) with private webhook targets allowed: "Test delivery"
// queues a delivery that the sender posts, signed, to a real receiver on 127.0.0.1 (a 500, then a 200 on the
// retry); the log shows both attempts; a failing rule shows its banner; English and Chinese, light and dark, axe.
// Then SIGTERM while a send hangs: the send is cut at ATLAS_SHUTDOWN_MS, its claim given back, exit code 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAtlas, type Atlas } from '../../db/connection';
import { verifyWebhookSignature } from '../../lib/alerts/delivery-format';
import { insertPending, insertRule, SECRET, startReceiver, waitFor } from '../support/deliveries';
import { requireBuild, startInstance, waitHealthy, type Instance } from './instance';
import { axeCheck, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

let instance: Instance;
let browser: Browser;
let atlas: Atlas;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let dbFile = '';

beforeAll(async () => {
  requireBuild();
  receiver = await startReceiver((_r, i) => (i === 0 ? { status: 500, body: 'receiver warming up' } : { status: 200 }));
  dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-deliveries-e2e-')), 'atlas.db');
  instance = await startInstance(
    { DATABASE_URL: dbFile, ATLAS_WEBHOOK_ALLOW_PRIVATE: '1', ATLAS_DELIVERY_POLL_MS: '200', ATLAS_WEBHOOK_RETRY_MS: '500', ATLAS_SHUTDOWN_MS: '2000' },
    'deliveries',
  );
  [browser] = await Promise.all([launchBrowser(), waitHealthy(instance)]);
  atlas = openAtlas(dbFile);
});
afterAll(async () => {
  await browser?.close();
  await instance?.kill();
  await atlas?.db.destroy();
  await receiver?.close();
});

describe('the delivery log in the browser', () => {
  let alertId = '';
  let failingId = '';

  it('"Test delivery" makes the running server post a signed webhook, retried after a 500, and the log shows both attempts', async () => {
    alertId = await insertRule(atlas, { title: 'OpenAI-backed seed rounds', webhook: receiver.url });
    const { page, errors, context } = await newPage(browser, { baseURL: instance.baseURL });
    await page.goto(`/alerts/${alertId}/deliveries`);
    await hydrated(page);
    expect(await page.getByTestId('deliveries-empty').count()).toBe(1);
    await page.getByTestId('test-delivery').click();
    await expect.poll(() => page.getByTestId('test-delivery-message').textContent()).toMatch(/Test queued: 1 deliveries/);
    await waitFor(() => receiver.received.length >= 2, 20_000, 'the POST and its retry');
    const [first, second] = receiver.received;
    expect(second.headers['x-atlas-delivery']).toBe(first.headers['x-atlas-delivery']);
    expect(verifyWebhookSignature(SECRET, String(second.headers['x-atlas-timestamp']), second.body, String(second.headers['x-atlas-signature']))).toBe(true);
    await expect.poll(async () => {
      await page.goto(`/alerts/${alertId}/deliveries`);
      return page.locator('.badge.delivery-sent').count();
    }, { timeout: 15_000 }).toBe(1);
    await page.locator('.delivery-attempts summary').first().click();
    const cells = await page.locator('.delivery-attempts tbody tr td:nth-child(2)').allTextContents();
    expect(cells).toEqual(['200', '500']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a failing rule’s banner, in English and Chinese, light and dark, without serious axe violations', async () => {
    failingId = await insertRule(atlas, { title: 'Webhook that keeps failing', webhook: 'http://127.0.0.1:9/closed' });
    const [id] = await insertPending(atlas, failingId);
    await waitFor(async () => (await atlas.db.selectFrom('deliveries').select('attempts').where('id', '=', id).executeTakeFirstOrThrow()).attempts >= 1, 20_000, 'a failed attempt');
    await (atlas.db as unknown as import('kysely').Kysely<{ alerts: { id: string; failing: number } }>).updateTable('alerts').set({ failing: 1 }).where('id', '=', failingId).execute();
    for (const locale of ['en', 'zh'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, errors, context } = await newPage(browser, { baseURL: instance.baseURL, locale, colorScheme });
        await page.goto(`/alerts/${failingId}/deliveries`);
        await hydrated(page);
        expect(await page.getByTestId('delivery-failing').textContent()).toMatch(locale === 'en' ? /failing/ : /投递失败/);
        await page.locator('.delivery-attempts summary').first().click();
        await shot(page, `alert-deliveries-failing-${locale}-${colorScheme}`);
        const violations = await axeCheck(page);
        expect(seriousViolations(violations)).toEqual([]);
        await page.goto(`/alerts/${alertId}/deliveries`);
        await hydrated(page);
        await page.locator('.delivery-attempts summary').first().click();
        await shot(page, `alert-deliveries-${locale}-${colorScheme}`);
        expect(seriousViolations(await axeCheck(page))).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 240_000); // eight pages with axe: about 40 s alone, more on a busy machine

  it('works before hydration: the log is drawn on the server and Refresh is a link', async () => {
    const { page, context } = await newPage(browser, { baseURL: instance.baseURL, javaScriptEnabled: false });
    await page.goto(`/alerts/${alertId}/deliveries`);
    expect(await page.locator('[data-testid="deliveries-table"] tr[data-delivery]').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Refresh' }).getAttribute('href')).toBe(`/alerts/${alertId}/deliveries`);
    await context.close();
  });

  it('answers 404 for a rule that does not exist', async () => {
    const response = await fetch(`${instance.baseURL}/alerts/no-such-rule/deliveries`);
    expect(response.status).toBe(404);
  });

  it('on SIGTERM cuts a send still hanging at ATLAS_SHUTDOWN_MS, gives its claim back and exits 0', async () => {
    receiver.setAnswer(() => 'hang');
    const before = receiver.received.length;
    const [id] = await insertPending(atlas, alertId);
    await waitFor(() => receiver.received.length > before, 20_000, 'the hanging POST');
    const started = Date.now();
    instance.process.kill('SIGTERM');
    expect(await instance.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(instance.log()).toMatch(/atlas: stopped/);
    expect(await atlas.db.selectFrom('deliveries').select(['state', 'attempts', 'claimed_until']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ state: 'pending', attempts: 0, claimed_until: null });
  });
});
