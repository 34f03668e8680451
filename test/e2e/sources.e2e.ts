import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

// Issue 21 parts 3 and 7: /sources lists the source domains and the disputed figures, the dashboard's footer
// links to it, and a disputed round carries a marker in the table and on its page, in English and Chinese.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TEXT = {
  en: { title: 'Sources', disputed: 'Disputed', hint: /Sources disagree/ },
  zh: { title: '数据来源', disputed: '有争议', hint: /来源说法不一/ },
} as const;

describe('/sources and the disputed marker', () => {
  for (const locale of ['en', 'zh'] as const) {
    it(`in ${locale}: reached from the dashboard footer; domains and disputed figures; marker in the table and on the round`, async () => {
      const { page, context, errors } = await newPage(browser, { locale });
      try {
        await page.goto('/');
        await hydrated(page);
        expect(await page.getByTestId('dash-footer').getByRole('link').getAttribute('href')).toBe('/sources');
        await page.goto('/sources');
        expect((await page.locator('h1').textContent())?.trim()).toBe(TEXT[locale].title);
        expect(await page.getByTestId('sources-domains').locator('tbody tr').count()).toBeGreaterThan(20);
        const disputed = page.getByTestId('disputed-figure');
        expect(await disputed.count()).toBeGreaterThanOrEqual(10);
        expect(await page.getByTestId('sources-disputed').getByRole('link', { name: /axios\.com/ }).count()).toBeGreaterThan(0);
        await shot(page, `sources-${locale}`);
        expect(seriousViolations(await axeCheck(page))).toEqual([]);

        await page.goto('/investments?disputed=1');
        await hydrated(page);
        const markers = page.locator('[data-flag="disputed"]');
        await expect.poll(() => markers.count()).toBeGreaterThanOrEqual(10);
        expect((await markers.first().textContent())?.trim()).toContain(TEXT[locale].disputed);
        expect(await markers.first().getAttribute('title')).toMatch(TEXT[locale].hint);

        await page.goto('/investments/anthropic-2023-02-google');
        await expect.poll(() => page.getByTestId('detail-flag-disputed').textContent()).toMatch(TEXT[locale].hint);
        await shot(page, `disputed-round-${locale}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
