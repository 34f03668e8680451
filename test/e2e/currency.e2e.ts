// Money in the reader's currency in the browser: the switch beside the language switch shows the Descript round
// (reported in KRW, converted to US$ and marked) in CNY with its rate in the tooltip, keeps the choice in a cookie
// across reloads and in the links the Share dialog makes, works without JavaScript, and a bad `currency=` is
// refused by name. Screenshots of /investments and the dashboard in CNY, English and Chinese, light and dark.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const DESCRIPT = '/investments?company_id=descript';
const amountCell = (page: Page) => page.locator('[data-testid="data-table"] tbody tr').first().locator('[data-currency]').first();

describe('currency switch', () => {
  it('switches to CNY, marks the converted round, keeps the choice on reload and in a share link', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto(DESCRIPT);
      await hydrated(page);
      expect(await amountCell(page).textContent()).toBe('US$50.7M');
      const marker = page.locator('[data-fx-converted="amount_usd"]').first();
      expect(await marker.textContent()).toContain('converted');
      expect(await marker.getAttribute('title')).toBe('From ₩65.5B at 1,291.78 KRW/US$, 2022 average');

      await page.getByTestId('currency-CNY').click();
      await page.waitForURL((url) => url.pathname === '/investments');
      await hydrated(page);
      expect(new URL(page.url()).searchParams.get('currency')).toBeNull();
      const cell = amountCell(page);
      expect(await cell.getAttribute('data-currency')).toBe('CNY');
      expect(await cell.textContent()).toBe('CN¥341.2M');
      expect(await cell.getAttribute('title')).toBe('6.729 CNY/US$, 2022 average (federalreserve.gov)');
      expect(await page.locator('[data-fx-converted="amount_usd"]').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('fx-note').textContent()).toContain('2022 6.729');
      expect(await page.getByTestId('currency-CNY').getAttribute('aria-current')).toBe('true');
      expect(await page.getByRole('columnheader', { name: /Amount \(USD\) in CNY/ }).count()).toBe(1);

      await page.reload();
      await hydrated(page);
      expect(await amountCell(page).textContent()).toBe('CN¥341.2M');

      // The Share dialog writes the reader's currency into the link; a browser without the cookie sees CNY.
      await page.getByTestId('share-open').click();
      expect(new URL(await page.getByTestId('share-here').inputValue()).searchParams.get('currency')).toBe('CNY');
      await page.getByTestId('share-create').click();
      await expect.poll(() => page.getByTestId('share-created').count(), { timeout: 15_000 }).toBe(1);
      const link = await page.getByTestId('share-url').inputValue();
      const visitor = await newPage(browser);
      try {
        await visitor.page.goto(link);
        await hydrated(visitor.page);
        expect(await amountCell(visitor.page).textContent()).toBe('CN¥341.2M');
        expect(await visitor.page.getByTestId('currency-switch').count()).toBe(0);
        expect(visitor.errors).toEqual([]);
      } finally {
        await visitor.context.close();
      }

      const violations = await axeCheck(page);
      expect(seriousViolations(violations)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('works without JavaScript: a link for EUR, a form for the other currencies; a bad currency= is named', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(DESCRIPT);
      await page.getByTestId('currency-EUR').click();
      await page.waitForURL((url) => url.pathname === '/investments');
      expect(await amountCell(page).textContent()).toBe('€48.1M');
      await page.locator('.currency-more summary').click();
      await page.getByTestId('currency-select').selectOption('KRW');
      await page.locator('.currency-more button[type="submit"]').click();
      await page.waitForURL((url) => url.pathname === '/investments');
      expect(await amountCell(page).textContent()).toBe('₩65.5B');

      await page.goto('/investments?currency=XYZ');
      expect(await page.getByTestId('query-error').textContent()).toMatch(/currency must be one of USD, AUD, CAD/);
    } finally {
      await context.close();
    }
  });

  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`/investments and the dashboard in CNY (${locale}, ${colorScheme})`, async () => {
        const { page, context, errors } = await newPage(browser, { locale, colorScheme });
        try {
          await page.goto('/investments?currency=CNY&announced_on__lte=2023-12-31&sort=amount_usd&order=desc');
          await hydrated(page);
          expect(await amountCell(page).getAttribute('data-currency')).toBe('CNY');
          await shot(page, `currency-investments-cny-${locale}-${colorScheme}`);
          await page.goto('/?currency=CNY');
          await hydrated(page);
          expect(await page.getByTestId('tile-disclosed').textContent()).toMatch(locale === 'zh' ? /亿元/ : /CN¥/);
          expect(await page.getByTestId('fx-note').textContent()).toMatch(/2023 7\.0809/);
          await shot(page, `currency-dashboard-cny-${locale}-${colorScheme}`);
          expect(seriousViolations(await axeCheck(page))).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
