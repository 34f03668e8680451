// Team mode in the browser, on a private server (see auth-server.ts): sign-in, a write refused on the
// server for a viewer, sign-out; API tokens and user administration as an admin; screenshots of the
// sign-in, token and user pages in English and Chinese, light and dark, with axe on each.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamServer, type TeamServer } from './auth-server';
import { openTeamPage, type OpenOptions } from './team-page';
import { axeCheck, launchBrowser, seriousViolations, shot } from './support';

const ADMIN = { email: 'admin@example.com', password: 'admin password 1', role: 'admin' as const };
const VIEWER = { email: 'viewer@example.com', password: 'viewer password 1', role: 'viewer' as const };

let server: TeamServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTeamServer([ADMIN, VIEWER]), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const open = (options: OpenOptions = {}) => openTeamPage(browser, server, options);

const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

describe('team mode in the browser', () => {
  it('sends an anonymous visitor to sign-in, refuses a wrong password, and signs a viewer in', async () => {
    const { page, context, errors } = await open();
    try {
      await page.goto('/companies');
      expect(path(page)).toBe('/sign-in?next=%2Fcompanies');
      expect(await page.getByRole('navigation').getByRole('link', { name: 'Companies' }).count()).toBe(0);
      await page.getByLabel('Email').fill(VIEWER.email);
      await page.getByLabel('Password').fill('not my password');
      await page.getByTestId('sign-in-submit').click();
      await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe('Wrong email or password.');

      await page.getByLabel('Password').fill(VIEWER.password);
      await page.getByTestId('sign-in-submit').click();
      await expect.poll(() => path(page), { timeout: 15_000 }).toBe('/companies');
      await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain(VIEWER.email);
      expect(await page.getByTestId('user-menu').textContent()).toContain('viewer');
      expect(await page.getByTestId('local-mode-banner').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a viewer’s delete on the server and says so; the editing page is refused too; sign-out locks the pages', async () => {
    const { page, context, errors } = await open({ as: VIEWER });
    try {
      await page.goto('/companies/openai');
      await expect.poll(() => page.getByTestId('detail-title').textContent()).toBe('OpenAI');
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/companies/openai') && r.request().method() === 'DELETE');
      await page.getByTestId('delete-row').click();
      expect((await refused).status()).toBe(403);
      await expect.poll(() => page.locator('.error-box[role="alert"]').textContent()).toMatch(/your role \(viewer\) does not allow this/);
      await page.reload();
      await expect.poll(() => page.getByTestId('detail-title').textContent()).toBe('OpenAI');

      await page.goto('/companies/openai/edit');
      expect(path(page)).toBe('/forbidden?need=write&next=%2Fcompanies%2Fopenai%2Fedit');
      expect(await page.getByTestId('forbidden').textContent()).toContain('Your role (viewer) cannot open this page: it needs the editor role.');

      await page.getByTestId('sign-out').click();
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/sign-in');
      await page.goto('/changes');
      expect(path(page)).toBe('/sign-in?next=%2Fchanges');
      const api = await context.request.get('/api/v1/companies');
      expect(api.status()).toBe(401);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an admin creates an API token (shown once), a script uses it, and revoking it locks the script out', async () => {
    const { page, context, errors } = await open({ as: ADMIN });
    try {
      await page.goto('/account/tokens');
      await page.getByLabel('Name').fill('e2e script');
      await page.getByTestId('token-create').click();
      const secret = (await page.getByTestId('token-secret').textContent({ timeout: 15_000 })) ?? '';
      expect(secret).toMatch(/^atlas_[A-Za-z0-9_-]{43}$/);
      const asScript = () => fetch(`${server.baseURL}/api/v1/companies?pageSize=1`, { headers: { authorization: `Bearer ${secret}` } });
      expect((await asScript()).status).toBe(200);

      await page.reload();
      expect(await page.getByTestId('token-created').count()).toBe(0); // shown once
      const row = page.locator('[data-testid="token-table"] tbody tr', { hasText: 'e2e script' });
      await row.getByRole('button', { name: 'Revoke e2e script' }).click();
      await expect.poll(() => row.textContent()).toContain('revoked');
      expect((await asScript()).status).toBe(401);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an admin adds a user and changes a role; the new user signs in with that role', async () => {
    const { page, context, errors } = await open({ as: ADMIN });
    try {
      await page.goto('/admin/users');
      await page.getByLabel('Email').fill('Analyst@Example.com');
      await page.getByLabel('Password').fill('analyst password 1');
      await page.getByLabel('Role', { exact: true }).selectOption('editor');
      await page.getByTestId('user-add').click();
      await expect.poll(() => page.getByTestId('user-message').textContent()).toBe('Added analyst@example.com.');
      const row = page.locator('[data-testid="user-table"] tbody tr[data-email="analyst@example.com"]');
      await expect.poll(() => row.count()).toBe(1);
      await row.getByLabel('Role of analyst@example.com').selectOption('viewer');
      await expect.poll(() => page.getByTestId('user-message').textContent()).toBe('Saved.');

      const reply = await fetch(`${server.baseURL}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@example.com', password: 'analyst password 1' }) });
      expect(((await reply.json()) as { user: { role: string } }).user.role).toBe('viewer');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  const PAGES = [
    { name: 'sign-in', url: '/sign-in', as: undefined },
    { name: 'tokens', url: '/account/tokens', as: ADMIN },
    { name: 'users', url: '/admin/users', as: ADMIN },
  ];
  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`screenshots of sign-in, tokens and users (${locale}, ${colorScheme}) have no serious axe violation`, async () => {
        for (const target of PAGES) {
          const { page, context, errors } = await open({ locale, colorScheme, as: target.as });
          try {
            await page.goto(target.url);
            expect(new URL(page.url()).pathname).toBe(target.url);
            await page.waitForLoadState('networkidle');
            await shot(page, `auth-${target.name}-${locale}-${colorScheme}`);
            expect(seriousViolations(await axeCheck(page)), `${target.url} ${locale} ${colorScheme}`).toEqual([]);
            expect(errors).toEqual([]);
          } finally {
            await context.close();
          }
        }
      });
    }
  }
});
