import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LANG = {
  en: { htmlLang: 'en', dashboard: 'Dashboard', title: 'The generative-AI market at a glance' },
  zh: { htmlLang: 'zh-CN', dashboard: '总览', title: '生成式 AI 市场一览' },
} as const;

describe('home page', () => {
  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`renders in ${locale}, ${colorScheme}: tiles with seed counts, language, no errors, accessible`, async () => {
        const { page, context, errors } = await newPage(browser, { locale, colorScheme });
        try {
          const response = await page.goto('/');
          expect(response?.status()).toBe(200);
          await hydrated(page);

          await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(LANG[locale].htmlLang);
          await expect.poll(() => page.locator('nav').getByRole('link', { name: LANG[locale].dashboard, exact: true }).count()).toBe(1);
          expect((await page.locator('h1').textContent())?.trim()).toBe(LANG[locale].title);

          const tiles = page.getByTestId('home-tiles');
          const values = await tiles.locator('.tile-value').allTextContents();
          expect(values.length).toBeGreaterThanOrEqual(4);
          // Companies, rounds, OpenAI-backed rounds, use cases, hypotheses: whole numbers from the seed data.
          const counts = values.map((v) => Number(v.replace(/[^\d.]/g, ''))).filter((n) => Number.isFinite(n));
          expect(counts.filter((n) => n > 0).length, `tile values: ${values.join(' | ')}`).toBe(values.length);

          await shot(page, `home-${locale}-${colorScheme}`);

          const violations = await axeCheck(page);
          if (violations.length) console.log(`axe (home ${locale} ${colorScheme}):\n${violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`).join('\n')}`);
          expect(seriousViolations(violations)).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('switches language with the buttons and remembers it after a reload', async () => {
    const { page, context, errors } = await newPage(browser, { locale: 'en' });
    try {
      await page.goto('/');
      await hydrated(page);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await expect.poll(() => page.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');

      await page.getByTestId('lang-zh').click();
      await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 15_000 }).toBe('zh-CN');
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe(LANG.zh.title);
      expect(await page.getByTestId('lang-zh').getAttribute('aria-pressed')).toBe('true');
      expect((await context.cookies()).find((c) => c.name === 'atlas_lang')?.value).toBe('zh');

      await page.reload();
      await hydrated(page);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await page.locator('nav').getByRole('link', { name: LANG.zh.dashboard, exact: true }).count()).toBe(1);

      await page.getByTestId('lang-en').click();
      await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 15_000 }).toBe('en');
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe(LANG.en.title);
      await page.reload();
      await hydrated(page);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('navigation', () => {
  it('every link in the sidebar leads to a page (no 404)', async () => {
    const { page, context } = await newPage(browser);
    try {
      await page.goto('/');
      const hrefs = await page.locator('nav a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(3);
      const missing: string[] = [];
      for (const href of [...new Set(hrefs)]) {
        const response = await page.request.get(href);
        if (response.status() >= 400) missing.push(`${href} → ${response.status()}`);
      }
      expect(missing, 'sidebar links to pages that do not answer').toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has an icon where browsers look for one: linked from the page and at /favicon.ico', async () => {
    const { page, context } = await newPage(browser);
    try {
      await page.goto('/');
      const linked = await page.locator('head link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''));
      expect(linked.length).toBeGreaterThan(0);
      for (const href of [...linked, '/favicon.ico']) {
        const response = await page.request.get(href);
        expect(response.status(), href).toBe(200);
        expect(response.headers()['content-type'], href).toMatch(/^image\//);
      }
    } finally {
      await context.close();
    }
  });
});

describe('GET /api/health', () => {
  it('answers JSON to a fetch from the page', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/');
      await hydrated(page);
      const reply = await page.evaluate(async () => {
        const response = await fetch('/api/health');
        return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
      });
      expect(reply.status).toBe(200);
      expect(reply.type).toMatch(/^application\/json/);
      expect(reply.body).toMatchObject({ ok: true, db: 'sqlite', version: expect.any(String) });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
