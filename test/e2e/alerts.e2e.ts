// Follows, what's new and alert rules in the browser (issue 18, local mode, seed data): follow a company in one
// browser context, add a round in a second, and the first sees the unseen count and the entry on /whats-new, whose
// link opens exactly that round; the Atom feed parses as XML in the browser; screenshots of /following,
// /whats-new, /alerts and the rule editor in English and Chinese, light and dark, each checked with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, baseURL, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const write = (data: unknown) => ({ headers: { origin: baseURL() }, data });

async function expectAxeClean(page: Page, label: string) {
  const violations = await axeCheck(page);
  if (violations.length) console.log(`axe (${label}):\n${violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`).join('\n')}`);
  expect(seriousViolations(violations)).toEqual([]);
}

describe('follows and what is new', () => {
  it('follow a company, a round added in another context shows as unseen and on /whats-new', async () => {
    const a = await newPage(browser);
    await a.page.goto('/companies/anthropic');
    await hydrated(a.page);
    await a.page.getByTestId('follow-company').click();
    await expect.poll(() => a.page.getByTestId('follow-company').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    expect(await a.page.getByTestId('nav-unseen').textContent()).toBe("What's new");

    const b = await newPage(browser);
    const posted = await b.context.request.post('/api/v1/investments', write({ id: 'e2e-anthropic-round', company_id: 'anthropic', round_type: 'strategic', announced_on: '2026-11-30' }));
    expect(posted.status()).toBe(201);
    await b.context.close();

    await a.page.reload();
    await hydrated(a.page);
    await expect.poll(() => a.page.getByTestId('nav-unseen').textContent()).toMatch(/^What's new1/);
    await a.page.getByTestId('nav-unseen').click();
    await a.page.waitForURL('**/whats-new');
    await hydrated(a.page);
    const item = a.page.getByTestId('news-item').first();
    expect(await item.textContent()).toContain('1 new round matches “Anthropic”');
    expect(await a.page.getByTestId('whats-new-unseen').textContent()).toBe('1 unseen');
    const link = item.getByRole('link');
    expect(await link.getAttribute('href')).toBe('/investments?company_id=anthropic&id=e2e-anthropic-round');
    await a.page.getByTestId('mark-all-seen').click();
    await expect.poll(() => a.page.getByTestId('whats-new-unseen').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => a.page.getByTestId('nav-unseen').textContent()).toBe("What's new");
    await link.click();
    await a.page.waitForURL('**/investments?company_id=anthropic&id=e2e-anthropic-round');
    await expect.poll(() => a.page.locator('tbody tr').count()).toBe(1);
    expect(a.errors).toEqual([]);
    await a.context.close();
  });

  it('the Atom feed made on /account/feeds parses as Atom 1.0 in the browser; revoked, it is 404', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto('/account/feeds');
    await hydrated(page);
    await page.getByTestId('feed-create').click();
    await expect.poll(() => page.getByTestId('feed-url').count(), { timeout: 15_000 }).toBe(1);
    const url = await page.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/feeds\/[A-Za-z0-9_-]+\.atom$/);
    const parsed = await page.evaluate(async (href) => {
      const response = await fetch(href);
      const xml = await response.text();
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      const entries = [...doc.getElementsByTagNameNS(ns, 'entry')];
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        error: doc.getElementsByTagName('parsererror').length,
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        feedParts: ['id', 'title', 'updated'].map((tag) => [...doc.documentElement.children].filter((c) => c.localName === tag).length),
        entries: entries.map((e) => ({
          id: e.getElementsByTagNameNS(ns, 'id').length,
          title: e.getElementsByTagNameNS(ns, 'title')[0]?.textContent ?? '',
          updated: !Number.isNaN(Date.parse(e.getElementsByTagNameNS(ns, 'updated')[0]?.textContent ?? '')),
          link: e.getElementsByTagNameNS(ns, 'link')[0]?.getAttribute('href') ?? '',
        })),
        holdsToken: xml.includes(href.split('/feeds/')[1].replace('.atom', '')),
      };
    }, url);
    expect(parsed).toMatchObject({ status: 200, type: 'application/atom+xml; charset=utf-8', error: 0, root: 'http://www.w3.org/2005/Atom feed', feedParts: [1, 1, 1], holdsToken: false });
    expect(parsed.entries.length).toBeGreaterThan(0);
    expect(parsed.entries[0]).toMatchObject({ id: 1, title: '1 new round matches “Anthropic”', updated: true, link: `${baseURL()}/investments?company_id=anthropic&id=e2e-anthropic-round` });
    const headers = await context.request.get(url);
    expect(headers.headers()['referrer-policy']).toBe('no-referrer');
    const id = (await (await context.request.get('/api/v1/feed-tokens')).json()).rows[0].id as string;
    expect((await context.request.delete(`/api/v1/feed-tokens/${id}`, { headers: { origin: baseURL() } })).status()).toBe(204);
    expect((await context.request.get(url)).status()).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('screenshots of /following, /whats-new, /alerts and the rule editor in en/zh × light/dark, axe clean', async () => {
    const setup = await newPage(browser);
    const api = setup.context.request;
    expect((await api.post('/api/v1/follows', write({ kind: 'view', target: '/investments?round_type=seed', title: 'Seed rounds' }))).status()).toBe(201);
    expect((await api.post('/api/v1/follows', write({ kind: 'investor', target: 'sequoia' }))).status()).toBeLessThan(300);
    const rule = await api.post('/api/v1/alerts', write({ title: 'Large seed rounds', kind: 'new-rows', path: '/investments?round_type=seed&amount_usd__gte=10000000', channels: { inbox: true, webhook: null, email: null } }));
    expect(rule.status()).toBe(201);
    const ruleId = (await rule.json()).id as string;
    const metric = await api.post('/api/v1/alerts', write({ title: 'Foundation-layer HHI', kind: 'metric', path: '/concentration?layer=foundation', metric: 'hhi', threshold: 2500, direction: 'above', channels: { inbox: true, webhook: null, email: null } }));
    expect(metric.status()).toBe(201);
    expect((await api.post('/api/v1/investments', write({ id: 'e2e-seed', company_id: 'anthropic', round_type: 'seed', announced_on: '2026-12-01', amount_usd: 20_000_000 }))).status()).toBe(201);
    await setup.context.close();
    for (const locale of ['en', 'zh'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, context, errors } = await newPage(browser, { locale, colorScheme });
        for (const [path, name] of [
          ['/following', 'following'],
          ['/whats-new', 'whats-new'],
          ['/alerts', 'alerts'],
          [`/alerts/${ruleId}`, 'alert-rule'],
          ['/alerts/new', 'alert-editor'],
        ] as const) {
          await page.goto(path);
          await hydrated(page);
          if (name === 'alert-editor') await page.locator('#f-kind').selectOption('metric');
          await shot(page, `alerts-${name}-${locale}-${colorScheme}`);
          await expectAxeClean(page, `${path} ${locale} ${colorScheme}`);
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 300_000);
});
