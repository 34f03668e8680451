// Share links in the browser, in team mode on a private server (see auth-server.ts): an editor makes a
// link with the Share dialog, a signed-out browser opens it read-only and cannot go anywhere else, the
// editor revokes it on /shares and the visitor then gets 410. Screenshots in both languages, light and dark.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamServer, type TeamServer } from './auth-server';
import { openTeamPage, type OpenOptions } from './team-page';
import { axeCheck, baseURL, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

const EDITOR = { email: 'editor@example.com', password: 'editor password 1', role: 'editor' as const };
const ADMIN = { email: 'admin@example.com', password: 'admin password 1', role: 'admin' as const };

let server: TeamServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTeamServer([ADMIN, EDITOR]), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const open = (options: OpenOptions = {}) => openTeamPage(browser, server, options);

const ready = async (page: Page) => {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="lang-en"]');
    return !!el && Object.keys(el).some((key) => key.startsWith('__reactFiber'));
  });
  await page.waitForLoadState('networkidle');
};

async function checkAxe(page: Page, label: string) {
  const violations = await axeCheck(page);
  if (violations.length) console.log(`axe (${label}):\n${violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`).join('\n')}`);
  expect(seriousViolations(violations)).toEqual([]);
  // Headings go down one level at a time on a shared view too, where the page's own settings are not shown.
  expect(violations.filter((v) => v.id === 'heading-order').map((v) => v.nodes.map((n) => n.html))).toEqual([]);
}

/** Make a link through the Share dialog of the page at `path`; returns its absolute URL. */
async function shareThrough(page: Page, path: string, options: { snapshot?: boolean; csv?: boolean; title?: string; screenshot?: string } = {}): Promise<string> {
  await page.goto(path);
  await ready(page);
  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await expect.poll(() => dialog.isVisible()).toBe(true);
  expect(await page.getByTestId('share-here').inputValue()).toBe(`${server.baseURL}${path}`);
  if (options.title) await page.getByTestId('share-title').fill(options.title);
  if (options.snapshot) await page.getByTestId('share-mode-snapshot').check();
  if (options.csv) await page.getByTestId('share-csv').check();
  await page.getByTestId('share-create').click();
  await expect.poll(() => page.getByTestId('share-created').count(), { timeout: 15_000 }).toBe(1);
  if (options.screenshot) await shot(page, options.screenshot);
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(new RegExp(`^${server.baseURL}/s/[A-Za-z0-9_-]{43}$`));
  return url;
}

describe('share links in the browser', () => {
  it('creates a link, opens it signed out read-only, refuses other views, and revokes it', async () => {
    const editor = await open({ as: EDITOR });
    const visitor = await open();
    try {
      const url = await shareThrough(editor.page, '/investments?round_type=seed&sort=announced_on&order=desc', { title: 'Seed rounds <b>bold</b>', csv: true, screenshot: 'share-dialog-en-light' });

      await visitor.page.goto(url);
      await ready(visitor.page);
      expect(new URL(visitor.page.url()).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{43}\/view$/);
      const banner = visitor.page.getByTestId('share-banner');
      expect(await banner.textContent()).toContain('Seed rounds <b>bold</b>');
      expect(await visitor.page.locator('.share-banner b').count()).toBe(0);
      expect(await visitor.page.getByTestId('share-citation').textContent()).toMatch(/round_type = seed.*data as of .* UTC \(live\); SHA-256 [0-9a-f]{16}; http/);
      const rows = visitor.page.getByTestId('data-table').locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      // Read-only: no filters, sorting, paging, editing, navigation or sign-in prompt.
      for (const testId of ['share-open', 'export-csv']) expect(await visitor.page.getByTestId(testId).count(), testId).toBe(testId === 'export-csv' ? 1 : 0);
      expect(await visitor.page.locator('.filter-bar, .sort-btn, [data-testid="page-next"], nav.sidebar .nav-group').count()).toBe(0);
      expect(await visitor.page.getByRole('link', { name: /Add/ }).count()).toBe(0);
      expect(await visitor.page.locator('main a[href^="/investments/"], main a[href^="/companies/"]').count()).toBe(0);
      await shot(visitor.page, 'share-view-en-light');
      await checkAxe(visitor.page, 'shared table');

      const csv = await visitor.context.request.get(visitor.page.url().replace('/s/', '/api/v1/s/').replace(/\/view$/, '.csv'));
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('round_type');

      // Another view: the page sends the visitor back; the API refuses reads and writes.
      await visitor.page.goto('/companies');
      await ready(visitor.page);
      expect(new URL(visitor.page.url()).pathname).toMatch(/\/view$/);
      expect(await visitor.page.getByTestId('share-only').count()).toBe(1);
      expect((await visitor.context.request.get('/api/v1/companies')).status()).toBe(403);
      const write = await visitor.context.request.post('/api/v1/companies', { data: { id: 'intruder', name: 'Intruder', kind: 'builder' }, headers: { origin: server.baseURL } });
      expect(write.status()).toBe(403);

      // The editor revokes it on /shares; the visitor now gets 410.
      await editor.page.goto('/shares');
      await ready(editor.page);
      const row = editor.page.locator(`tr[data-token="${url.split('/').pop()}"]`);
      expect(await row.getByTestId('share-views').textContent()).toMatch(/^[1-9]/);
      await shot(editor.page, 'shares-en-light');
      await checkAxe(editor.page, 'shares page');
      await row.getByTestId('share-revoke').click();
      await expect.poll(() => row.getByTestId('share-status').textContent(), { timeout: 15_000 }).toBe('revoked');
      const gone = await visitor.page.goto(url);
      expect(gone?.status()).toBe(410);
      expect(await visitor.page.locator('h1').textContent()).toBe('This shared link is no longer available');
      await shot(visitor.page, 'share-gone-en-light');
      expect(editor.errors).toEqual([]);
      expect(visitor.errors).toEqual([]);
    } finally {
      await editor.context.close();
      await visitor.context.close();
    }
  });

  it('the Share dialog and the Shared links page in Chinese, dark', async () => {
    const editor = await open({ as: EDITOR, locale: 'zh', colorScheme: 'dark' });
    try {
      await shareThrough(editor.page, '/companies?layer=foundation', { snapshot: true, screenshot: 'share-dialog-zh-dark' });
      expect(await editor.page.getByTestId('share-dialog').textContent()).toContain('分享此视图');
      await editor.page.goto('/shares');
      await ready(editor.page);
      expect(await editor.page.locator('h1').textContent()).toBe('共享链接');
      expect(await editor.page.getByTestId('shares-table').locator('tbody tr').count()).toBeGreaterThan(0);
      await shot(editor.page, 'shares-zh-dark');
      await checkAxe(editor.page, 'shares page zh dark');
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.context.close();
    }
  });

  const VIEWS = [
    { name: 'concentration', path: '/concentration?layer=foundation', heading: { en: 'Market concentration', zh: '市场集中度' } },
    { name: 'home', path: '/', heading: null },
    { name: 'hypothesis', path: '/hypotheses/h7', heading: null },
    { name: 'compare', path: '/scenarios/compare?hypothesis=h7', heading: null },
  ];
  for (const view of VIEWS) {
    it(`shares ${view.name} as a snapshot and shows it read-only in both languages, light and dark`, async () => {
      const editor = await open({ as: EDITOR });
      try {
        const url = await shareThrough(editor.page, view.path, { snapshot: true });
        for (const [locale, colorScheme] of [['en', 'light'], ['zh', 'dark'], ['zh', 'light'], ['en', 'dark']] as const) {
          const visitor = await open({ locale, colorScheme });
          try {
            const response = await visitor.page.goto(url);
            expect(response?.status()).toBe(200);
            await ready(visitor.page);
            expect(await visitor.page.getByTestId('share-banner').getAttribute('data-mode')).toBe('snapshot');
            expect(await visitor.page.getByTestId('share-asof').textContent()).toContain(locale === 'zh' ? '快照' : 'Snapshot as of');
            expect(await visitor.page.locator('main button:not(.btn-plain):not([aria-controls]):not(.chart-export button)').filter({ hasText: /^(Edit|Delete|Undo|编辑|删除|撤销)$/ }).count()).toBe(0);
            expect(await visitor.page.getByTestId('share-open').count()).toBe(0);
            const og = await visitor.page.locator('meta[property="og:title"]').getAttribute('content');
            expect(og).toBeTruthy();
            await shot(visitor.page, `share-${view.name}-${locale}-${colorScheme}`);
            if (colorScheme === 'light') await checkAxe(visitor.page, `shared ${view.name} ${locale}`);
            expect(visitor.errors).toEqual([]);
          } finally {
            await visitor.context.close();
          }
        }
      } finally {
        await editor.context.close();
      }
    });
  }
});

describe('share links in local mode', () => {
  it('holds a visitor to the shared view until they leave it', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      const made = await context.request.post('/api/v1/shares', { data: { path: '/use-cases?stage=production', title: 'Use cases in production' }, headers: { origin: baseURL() } });
      expect(made.status()).toBe(201);
      const { url } = (await made.json()) as { url: string };
      await page.goto(url);
      await hydrated(page);
      expect(await page.getByTestId('share-banner').textContent()).toContain('Use cases in production');
      expect(await page.getByTestId('local-mode-banner').count()).toBe(0);

      await page.goto('/companies');
      await hydrated(page);
      expect(new URL(page.url()).pathname).toBe(`${url}/view`);
      expect(await page.getByTestId('share-only').count()).toBe(1);
      expect((await context.request.post('/api/v1/shares', { data: { path: '/' }, headers: { origin: baseURL() } })).status()).toBe(403);

      await page.getByRole('link', { name: 'Leave the shared view' }).click();
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/');
      await hydrated(page);
      expect(await page.getByTestId('local-mode-banner').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
