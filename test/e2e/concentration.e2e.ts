import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, baseURL, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TITLE = { en: 'Market concentration', zh: '市场集中度' } as const;
const CHARTS = ['chart-shares', 'chart-lorenz', 'chart-hhi-series', 'chart-cr4-series'];

describe('/concentration', () => {
  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`renders in ${locale}, ${colorScheme}: tiles, every chart with its source line, the thesis comparison, accessible`, async () => {
        const { page, context, errors } = await newPage(browser, { locale, colorScheme });
        try {
          const response = await page.goto('/concentration');
          expect(response?.status()).toBe(200);
          expect((await page.locator('h1').textContent())?.trim()).toBe(TITLE[locale]);
          const hhi = await page.getByTestId('tile-hhi').locator('.tile-value').textContent();
          expect(Number(hhi?.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
          for (const id of CHARTS) {
            const frame = page.getByTestId(id);
            await frame.scrollIntoViewIfNeeded(); // a plot loads as it nears the viewport
            await expect.poll(() => frame.locator('svg.recharts-surface').count(), { timeout: 15_000 }).toBeGreaterThan(0);
            expect(await frame.locator('.chart-source').textContent()).toMatch(/n = \d+/);
          }
          expect(await page.getByTestId('conc-thesis').locator('.conc-side').count()).toBe(4);
          await shot(page, `concentration-${locale}-${colorScheme}`);
          const violations = await axeCheck(page);
          if (violations.length) console.log(`axe (concentration ${locale} ${colorScheme}):\n${violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`).join('\n')}`);
          expect(seriousViolations(violations)).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('settings live in the URL; the merger what-if shows 2·s₁·s₂', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/concentration');
      await hydrated(page);
      await page.selectOption('#c-layer', 'foundation');
      await page.waitForURL(/layer=foundation/);
      await page.selectOption('#c-basis', 'rounds');
      await page.waitForURL(/basis=rounds/);
      await expect.poll(() => page.getByTestId('tile-excluded').locator('.tile-value').textContent()).toBe('0');
      await page.selectOption('#c-basis', 'funding');
      await page.waitForURL((url) => !url.search.includes('basis='));

      const api = await (await fetch(`${baseURL()}/api/v1/concentration?layer=foundation`)).json();
      const [first, second] = api.shares as { id: string; share: number }[];
      await page.selectOption('#m-mergeA', first.id);
      await page.waitForURL(/mergeA=/);
      await page.selectOption('#m-mergeB', second.id);
      await page.waitForURL(/mergeB=/);
      const delta = await page.getByTestId('merger-delta').textContent();
      expect(Number(delta?.replace(/[^\d.]/g, ''))).toBe(Math.round(2 * first.share * second.share));
      expect(await page.getByTestId('merger-verdict').textContent()).toMatch(/market power/);

      await page.reload();
      expect(await page.locator('#m-mergeB').inputValue()).toBe(second.id);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('every chart has a table alternative and exports CSV (BOM, CRLF), SVG and PNG', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/concentration?by=investor');
      await hydrated(page);
      expect(await page.getByTestId('split-note').count()).toBe(1);
      const frame = page.getByTestId('chart-shares');
      await frame.getByRole('button', { name: 'Show table' }).click();
      expect(await frame.locator('table tbody tr').count()).toBeGreaterThan(0);
      for (const format of ['CSV', 'SVG', 'PNG']) {
        const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: new RegExp(`as ${format}$`) }).click()]);
        const file = await download.path();
        const bytes = fs.readFileSync(file);
        if (format === 'CSV') {
          expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
          expect(bytes.toString('utf8')).toContain('\r\n');
        }
        if (format === 'SVG') expect(bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        if (format === 'PNG') expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a bad parameter is explained, not a crash', async () => {
    const { page, context } = await newPage(browser);
    try {
      await page.goto('/concentration?from=2023-02-30');
      expect(await page.getByTestId('conc-error').textContent()).toContain('from');
    } finally {
      await context.close();
    }
  });
});

describe('dashboard home', () => {
  it('tiles and charts link to the tables behind them', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/');
      expect(await page.getByTestId('tile-unicorns').getAttribute('href')).toBe('/investments?post_money_usd__gte=1000000000');
      // Every round type but `fund`: the table sums to the tile, which leaves the fund's size out (decision 019).
      expect(await page.getByTestId('tile-openai').getAttribute('href')).toMatch(/^\/investments\?investor=openai&round_type=pre_seed&.*round_type=other$/);
      expect(await page.getByTestId('tile-openai').getAttribute('href')).not.toContain('round_type=fund');
      for (const id of ['chart-quarter-layer', 'chart-region-year', 'chart-top-funded']) {
        await page.getByTestId(id).scrollIntoViewIfNeeded(); // a plot loads as it nears the viewport
        await expect.poll(() => page.getByTestId(id).locator('svg.recharts-surface').count(), { timeout: 15_000 }).toBeGreaterThan(0);
        expect(await page.getByTestId(id).locator('.chart-source a').count()).toBeGreaterThan(0);
      }
      expect(await page.getByTestId('dash-portfolio').locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('dash-hypotheses').locator('tbody tr').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
