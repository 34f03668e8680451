// Alert rules (issue 18) through the real route handlers: what a rule is refused for (nothing written), the
// webhook secret answered once and never again (row, list, CSV, history, change log), indicator and metric
// rules firing once on a crossing, and the Atom feed behind a revocable token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as changes from '../../app/api/v1/changes/route';
import * as follows from '../../app/api/v1/follows/route';
import * as inbox from '../../app/api/v1/inbox/route';
import * as feedTokens from '../../app/api/v1/feed-tokens/route';
import * as feedToken from '../../app/api/v1/feed-tokens/[id]/route';
import * as feed from '../../app/feeds/[file]/route';
import { postCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { loadMarket } from '../support/hypotheses';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE = '1';
  t = await useTestDatabase();
  await loadFixtures();
  await loadMarket();
  const h7 = { id: 'h7', code: 'H7', title: 'Base layer concentrates', status: 'open', indicator: { basis: 'funding', filters: 'layer=foundation', from: '2022', metric: 'hhi', threshold: 5000, direction: 'above' } };
  expect((await call(list.POST, '/api/v1/hypotheses', { collection: 'hypotheses' }, { method: 'POST', body: h7 })).status).toBe(201);
});
afterAll(async () => {
  delete process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE;
  await t.cleanup();
});

const A = { collection: 'alerts' };
const create = (body: unknown) => call(list.POST, '/api/v1/alerts', A, { method: 'POST', body });
const patch = (id: string, body: unknown) => call(one.PATCH, `/api/v1/alerts/${id}`, { ...A, id }, { method: 'PATCH', body });
const inboxRows = async () => (await call(inbox.GET, '/api/v1/inbox?limit=200', {})).body.rows as { kind: string; summary: string; summaryZh: string; url: string; alertId: string | null; followId: string | null; payload: Record<string, unknown> }[];
const INBOX = { inbox: true, webhook: null, email: null };
const stored = async (id: string) => (await t.atlas.db.selectFrom('alerts' as never).selectAll().where('id' as never, '=', id as never).executeTakeFirst()) as Record<string, unknown> | undefined;
const ruleCount = async () => (await call(list.GET, '/api/v1/alerts?pageSize=1', A)).body.total as number;

describe('alert rules: bad input is refused and nothing is written', () => {
  it.each([
    ['a table path its view refuses', { title: 'x', kind: 'new-rows', path: '/investments?round_type=banana', channels: INBOX }, 'path', 'round_type'],
    ['a path that is no table view', { title: 'x', kind: 'new-rows', path: '/concentration', channels: INBOX }, 'path', 'table view'],
    ['a concentration path its view refuses', { title: 'x', kind: 'metric', path: '/concentration?basis=vibes', metric: 'hhi', threshold: 1, direction: 'above', channels: INBOX }, 'path', 'basis'],
    ['an unknown kind', { title: 'x', kind: 'sometimes', channels: INBOX }, 'kind', ''],
    ['an unknown channel', { title: 'x', kind: 'new-rows', path: '/investments', channels: { ...INBOX, sms: '+1' } }, 'channels.sms', ''],
    ['a webhook that is not http(s)', { title: 'x', kind: 'new-rows', path: '/investments', channels: { ...INBOX, webhook: { url: 'ftp://example.com/x' } } }, 'channels.webhook.url', 'http'],
    ['a webhook with credentials', { title: 'x', kind: 'new-rows', path: '/investments', channels: { ...INBOX, webhook: { url: 'https://user:pw@example.com/x' } } }, 'channels.webhook.url', 'credentials'],
    ['a short secret', { title: 'x', kind: 'new-rows', path: '/investments', channels: { ...INBOX, webhook: { url: 'http://127.0.0.1:9/x', secret: 'short' } } }, 'channels.webhook.secret', '24'],
    ['a metric rule without a threshold', { title: 'x', kind: 'metric', path: '/concentration', metric: 'hhi', direction: 'above', channels: INBOX }, 'threshold', ''],
    ['no channel at all', { title: 'x', kind: 'new-rows', path: '/investments', channels: { inbox: false, webhook: null, email: null } }, 'channels', ''],
    ['an unknown hypothesis', { title: 'x', kind: 'indicator', hypothesis_id: 'h99', channels: INBOX }, 'hypothesis_id', ''],
  ])('%s → 422 naming %s', async (_name, body, path, words) => {
    const before = await ruleCount();
    const reply = await create(body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    const issue = (reply.body.error.issues as { path: string; message: string }[]).find((i) => i.path === path);
    expect(issue, JSON.stringify(reply.body.error)).toBeDefined();
    expect(issue?.message).toContain(words);
    expect(await ruleCount()).toBe(before);
  });

  it('a private webhook address without ATLAS_WEBHOOK_ALLOW_PRIVATE=1 → 422', async () => {
    process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE = '0';
    try {
      const reply = await create({ title: 'x', kind: 'new-rows', path: '/investments', channels: { ...INBOX, webhook: { url: 'http://169.254.169.254/latest' } } });
      expect(reply.status).toBe(422);
      expect(reply.body.error.issues[0]).toMatchObject({ path: 'channels.webhook.url' });
    } finally {
      process.env.ATLAS_WEBHOOK_ALLOW_PRIVATE = '1';
    }
  });

  it('alert rules are not imported from CSV', async () => {
    const reply = await postCsv('alerts', 'title,kind,channels\r\nx,new-rows,"{""inbox"":true,""webhook"":null,""email"":null}"\r\n');
    expect(reply.status).toBe(422);
  });
});

describe('the webhook secret', () => {
  it('is generated when omitted, answered once, stored, and never shown again', async () => {
    const made = await create({ title: 'Seed rounds hook', kind: 'new-rows', path: '/investments?round_type=seed', channels: { inbox: true, webhook: { url: 'http://127.0.0.1:9/hook' }, email: null } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const secret = made.body.channels.webhook.secret as string;
    expect(secret.length).toBeGreaterThanOrEqual(24);
    const id = made.body.id as string;
    expect((await stored(id))?.webhook_secret).toBe(secret);
    const edited = await patch(id, { title: 'Seed rounds webhook' });
    expect(edited.status).toBe(200);
    expect(edited.text).not.toContain(secret);
    expect((await stored(id))?.webhook_secret).toBe(secret); // kept by an edit that leaves the webhook
    const sameHook = await patch(id, { channels: { inbox: true, webhook: { url: 'http://127.0.0.1:9/hook2' }, email: null } });
    expect(sameHook.status).toBe(200);
    expect(sameHook.text).not.toContain(secret);
    expect((await stored(id))?.webhook_secret).toBe(secret);
    const everywhere = [
      await call(one.GET, `/api/v1/alerts/${id}`, { ...A, id }),
      await call(list.GET, '/api/v1/alerts', A),
      await call(list.GET, '/api/v1/alerts.csv', { collection: 'alerts.csv' }),
      await call(history.GET, `/api/v1/alerts/${id}/history`, { ...A, id }),
      await call(changes.GET, '/api/v1/changes', {}),
    ];
    for (const reply of everywhere) {
      expect(reply.status).toBe(200);
      expect(reply.text).not.toContain(secret);
    }
    expect(everywhere[2].text).toContain('Seed rounds webhook');
    const logged = await t.atlas.db.selectFrom('changes').select(['before', 'after']).where('collection', '=', 'alerts').execute();
    expect(logged.length).toBeGreaterThan(0);
    for (const entry of logged) expect(`${entry.before}${entry.after}`).not.toContain(secret);
  });

  it('a secret given by the creator is kept and not echoed; removing the webhook forgets it', async () => {
    const mine = 'a-secret-of-my-own-choosing-123';
    const made = await create({ title: 'Own secret', kind: 'new-rows', path: '/investments', channels: { inbox: false, webhook: { url: 'http://127.0.0.1:9/x', secret: mine }, email: null } });
    expect(made.status).toBe(201);
    expect(made.text).not.toContain(mine);
    expect((await stored(made.body.id))?.webhook_secret).toBe(mine);
    expect((await patch(made.body.id, { channels: INBOX })).status).toBe(200);
    expect((await stored(made.body.id))?.webhook_secret).toBeNull();
  });
});

describe('indicator and metric rules', () => {
  let indicatorRule = '';
  let metricRule = '';
  let changeRule = '';
  let hypothesisFollow = '';

  it('start from what they watch now (no notification on creation)', async () => {
    const before = (await inboxRows()).length;
    const a = await create({ title: 'H7 flips', kind: 'indicator', hypothesis_id: 'h7', channels: { inbox: true, webhook: null, email: 'me@example.com' } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    indicatorRule = a.body.id;
    const b = await create({ title: 'Foundation HHI', kind: 'metric', path: '/concentration?layer=foundation&from=2022', metric: 'hhi', threshold: 5000, direction: 'above', channels: INBOX });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    metricRule = b.body.id;
    const c = await create({ title: 'Foundation HHI moves', kind: 'metric', path: '/concentration?layer=foundation&from=2022', metric: 'hhi', threshold: 1000, direction: 'change', channels: INBOX });
    expect(c.status).toBe(201);
    changeRule = c.body.id;
    const f = await call(follows.POST, '/api/v1/follows', {}, { method: 'POST', body: { kind: 'hypothesis', target: 'h7' } });
    expect(f.status).toBe(201);
    expect(f.body.title).toBe('H7 Base layer concentrates');
    hypothesisFollow = f.body.id;
    expect(JSON.parse(String((await stored(indicatorRule))?.last_state))).toMatchObject({ verdict: 'not-supporting', value: 4600 });
    expect(JSON.parse(String((await stored(metricRule))?.last_state))).toEqual({ value: 4600 });
    expect((await inboxRows()).length).toBe(before);
  });

  it('a round that moves HHI over 5,000 fires each once, with an email delivery for the indicator rule', async () => {
    const post = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body: { id: 'openai-big', company_id: 'openai', announced_on: '2023-09-01', amount_usd: 5_000_000_000 } });
    expect(post.status).toBe(201);
    const rows = await inboxRows();
    const of = (id: string) => rows.filter((r) => r.alertId === id || r.followId === id);
    expect(of(indicatorRule)).toHaveLength(1);
    expect(of(indicatorRule)[0]).toMatchObject({ kind: 'indicator', url: '/hypotheses/h7', payload: { indicator: { id: 'h7', from: 'not-supporting', to: 'supporting' } } });
    expect(of(indicatorRule)[0].summary).toMatch(/^H7's indicator moved from 'not supporting' to 'supporting' \(HHI \d+(\.\d)? > 5000\)$/);
    expect(of(hypothesisFollow)).toHaveLength(1);
    expect(of(metricRule)).toHaveLength(1);
    expect(of(metricRule)[0]).toMatchObject({ kind: 'metric', url: '/concentration?layer=foundation&from=2022', payload: { metric: { name: 'hhi', threshold: 5000, direction: 'above' } } });
    expect(of(metricRule)[0].summary).toContain('HHI of “Foundation HHI” rose to');
    expect(of(changeRule)).toHaveLength(1);
    const deliveries = await t.atlas.db.selectFrom('deliveries').selectAll().where('alert_id', '=', indicatorRule).execute();
    expect(deliveries.map((d) => d.channel)).toEqual(['email']);
  });

  it('staying over the threshold fires nothing more', async () => {
    const watched = async () => (await inboxRows()).filter((r) => [indicatorRule, metricRule, changeRule, hypothesisFollow].includes(r.alertId ?? r.followId ?? '')).length;
    const before = await watched();
    const post = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body: { id: 'openai-small', company_id: 'openai', announced_on: '2023-10-01', amount_usd: 1_000_000 } });
    expect(post.status).toBe(201);
    expect(await watched()).toBe(before);
  });
});

describe('the Atom feed', () => {
  it('is valid Atom 1.0 behind a token shown once; a wrong or revoked token is 404', async () => {
    const made = await call(feedTokens.POST, '/api/v1/feed-tokens', {}, { method: 'POST' });
    expect(made.status).toBe(201);
    const token = made.body.token as string;
    expect(made.body.url).toBe(`/feeds/${token}.atom`);
    const listed = await call(feedTokens.GET, '/api/v1/feed-tokens', {});
    expect(listed.text).not.toContain(token);
    const file = `${token}.atom`;
    const reply = await call(feed.GET, `/feeds/${file}`, { file });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect(reply.text).not.toContain(token);
    const xml = reply.text;
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    const entries = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
    expect(entries.length).toBe((await inboxRows()).length);
    for (const entry of entries) {
      for (const tag of ['id', 'title', 'updated']) expect(entry).toMatch(new RegExp(`<${tag}>[^<]+</${tag}>`));
      expect(entry).toMatch(/<link rel="alternate" type="text\/html" href="http:\/\/localhost:3000\/[^"]+"\/>/);
    }
    expect(xml).toContain('href="http://localhost:3000/hypotheses/h7"');
    for (const bad of ['x'.repeat(32), `${token}x`, token.slice(1)]) expect((await call(feed.GET, `/feeds/${bad}.atom`, { file: `${bad}.atom` })).status).toBe(404);
    expect((await call(feed.GET, `/feeds/${token}.rss`, { file: `${token}.rss` })).status).toBe(404);
    expect((await call(feedToken.DELETE, `/api/v1/feed-tokens/${made.body.id}`, { id: made.body.id }, { method: 'DELETE' })).status).toBe(204);
    expect((await call(feed.GET, `/feeds/${file}`, { file })).status).toBe(404);
    expect((await call(feedToken.DELETE, `/api/v1/feed-tokens/${made.body.id}`, { id: made.body.id }, { method: 'DELETE' })).status).toBe(404);
  });
});
