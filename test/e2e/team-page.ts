// A browser page on a private team-mode server (auth-server.ts), optionally signed in, with its errors.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { LOCALE_COOKIE } from '../../lib/i18n';
import type { TeamServer } from './auth-server';

export interface Opened {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors, except the browser's note about a refused (401/403) or gone (410) request. */
  errors: string[];
}

export interface OpenOptions {
  locale?: 'en' | 'zh';
  colorScheme?: 'light' | 'dark';
  as?: { email: string; password: string };
}

export async function openTeamPage(browser: Browser, server: TeamServer, options: OpenOptions = {}): Promise<Opened> {
  const locale = options.locale ?? 'en';
  const context = await browser.newContext({ locale: locale === 'zh' ? 'zh-CN' : 'en-US', colorScheme: options.colorScheme ?? 'light', viewport: { width: 1280, height: 800 }, baseURL: server.baseURL });
  await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: server.baseURL }]);
  if (options.as) {
    // Signing in through the API stores the session cookie in this context, as the sign-in form would.
    const reply = await context.request.post('/api/v1/session', { data: { email: options.as.email, password: options.as.password } });
    expect(reply.status()).toBe(200);
  }
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (401|403|410)/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return { page, context, errors };
}
