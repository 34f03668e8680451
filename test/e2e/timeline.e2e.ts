import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, hydrated, launchBrowser, loadAllCharts, newPage, seriousViolations, shot } from './support';

// Issue 20, part 2: /timeline shows the seeded milestones on one axis with funding beneath and as a table with
// their sources; time charts (dashboard, /concentration, a hypothesis's trend) mark milestones when the URL says
// events=1; the toggle and the kind choices are links that work without JavaScript.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TEXT = {
  en: { title: 'Timeline', chatgpt: 'ChatGPT launched', show: 'Show milestones on the charts', policy: 'Policy' },
  zh: { title: '时间线', chatgpt: 'ChatGPT 上线', show: '在图表上显示里程碑', policy: '政策' },
} as const;

/** The markers drawn on one chart (after its plot has loaded): each one's label and its tooltip (every milestone). */
async function markersOf(page: Page, chart: string): Promise<{ labels: string[]; titles: string[] }> {
  await loadAllCharts(page);
  const markers = page.getByTestId(chart).getByTestId('chart-marker');
  await expect.poll(() => markers.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  return { labels: (await markers.locator('text').allTextContents()).map((s) => s.trim()), titles: await markers.locator('title').allTextContents() };
}
const markerLabels = async (page: Page, chart: string) => (await markersOf(page, chart)).labels;

describe('/timeline', () => {
  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`in ${locale}, ${colorScheme}: every seeded milestone on the axis and in the table with its source, funding beneath, accessible`, async () => {
        const { page, context, errors } = await newPage(browser, { locale, colorScheme });
        try {
          await page.goto('/timeline');
          await hydrated(page);
          expect((await page.locator('h1').textContent())?.trim()).toBe(TEXT[locale].title);
          const axis = page.getByTestId('timeline-axis');
          expect(await axis.getByTestId('timeline-event').count()).toBeGreaterThanOrEqual(20);
          expect(await axis.locator('[data-id="chatgpt-2022"] text').textContent()).toBe(TEXT[locale].chatgpt);
          expect(await axis.locator('[data-id="alexnet-imagenet-2012"]').count()).toBe(1);
          expect(await axis.getByTestId('timeline-quarter').count()).toBeGreaterThan(10);
          const rows = page.getByTestId('timeline-row');
          expect(await rows.count()).toBe(await axis.getByTestId('timeline-event').count());
          expect(await rows.first().getAttribute('data-id')).toBe('alexnet-imagenet-2012');
          expect(await page.locator('#milestone-chatgpt-2022 a[href^="https://"]').getAttribute('href')).toMatch(/^https:\/\/www\.alansalomon\.ai\//);
          expect(await page.getByRole('link', { name: locale === 'en' ? 'Timeline' : '时间线', exact: true }).getAttribute('aria-current')).toBe('page');
          await shot(page, `timeline-${locale}-${colorScheme}`);
          expect(seriousViolations(await axeCheck(page))).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('filters by kind and window with links and a form, without JavaScript', async () => {
    const { page, context, errors } = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto('/timeline');
      const all = await page.getByTestId('timeline-event').count();
      await page.getByTestId('timeline-kind-policy').click();
      await page.waitForURL(/\/timeline\?kind=policy$/);
      const policies = page.getByTestId('timeline-event');
      expect(await policies.count()).toBeGreaterThanOrEqual(3);
      expect(await policies.count()).toBeLessThan(all);
      expect(new Set(await policies.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind'))))).toEqual(new Set(['policy']));
      expect(await page.getByTestId('timeline-kind-policy').getAttribute('aria-current')).toBe('true');
      const csvHref = await page.getByTestId('timeline-csv').getAttribute('href');
      expect(csvHref).toBe('/api/v1/events.csv?kind=policy&sort=date&order=asc');
      const csv = await page.request.get(csvHref ?? '');
      expect(csv.status()).toBe(200);
      expect((await csv.text()).split('\r\n').filter((line) => /,policy,/.test(line))).toHaveLength(await policies.count());
      await page.getByLabel('From').fill('2024');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/from=2024/);
      expect(page.url()).toContain('kind=policy');
      const ids = await page.getByTestId('timeline-row').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
      expect(ids).toEqual(['eu-ai-act-2024']);
      await page.goto('/timeline?from=soon');
      expect(await page.getByTestId('timeline-error').textContent()).toMatch(/from must be a real date/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('milestones on time charts', () => {
  for (const [locale, colorScheme] of [['en', 'light'], ['en', 'dark'], ['zh', 'light'], ['zh', 'dark']] as const) {
    it(`the dashboard's funding charts mark them with events=1 (${locale}, ${colorScheme})`, async () => {
      const { page, context, errors } = await newPage(browser, { locale, colorScheme });
      try {
        await page.goto('/?events=1');
        await hydrated(page);
        const labels = await markerLabels(page, 'chart-quarter-layer');
        expect(labels).toContain(TEXT[locale].chatgpt);
        expect(Number(await page.getByTestId('chart-quarter-layer').getByTestId('chart-milestones').getAttribute('data-marked'))).toBeGreaterThan(15);
        expect(await markerLabels(page, 'chart-region-year')).not.toEqual([]);
        expect(await page.getByTestId('milestones-hide').getAttribute('href')).toBe('/');
        await shot(page, `dashboard-milestones-${locale}-${colorScheme}`);
        expect(seriousViolations(await axeCheck(page))).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('/concentration marks them on the HHI series, by kind, and keeps the rest of its URL', async () => {
    const { page, context, errors } = await newPage(browser, { locale: 'zh' });
    try {
      await page.goto('/concentration?interval=quarter&layer=foundation&events=1&eventKinds=model');
      await hydrated(page);
      const { titles } = await markersOf(page, 'chart-hhi-series');
      expect(titles.join('\n')).toContain('2023-03-14 · GPT-4 发布');
      expect(titles.join('\n')).not.toContain('ChatGPT');
      expect(await page.getByTestId('chart-cr4-series').getByTestId('chart-milestones').count()).toBe(1);
      expect(await page.getByTestId('milestone-kind-model').getAttribute('aria-current')).toBe('true');
      expect(await page.getByTestId('milestones-hide').getAttribute('href')).toBe('/concentration?interval=quarter&layer=foundation');
      await shot(page, 'concentration-milestones-zh-light');
      expect(seriousViolations(await axeCheck(page))).toEqual([]);

      await page.goto('/hypotheses/h8?events=1');
      await hydrated(page);
      expect(await markerLabels(page, 'indicator-trend')).not.toEqual([]);
      await page.goto('/concentration?events=yes');
      expect(await page.getByTestId('conc-error').textContent()).toMatch(/events must be 1/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the toggle and the kind choices are links that work without JavaScript', async () => {
    const { page, context, errors } = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto('/');
      expect(await page.getByTestId('chart-milestones').count()).toBe(0);
      await page.getByTestId('milestones-show').click();
      await page.waitForURL(/\/\?events=1$/);
      expect(await page.getByTestId('chart-quarter-layer').getByTestId('chart-milestones').textContent()).toMatch(/milestones marked/);
      await page.getByTestId('milestone-kind-policy').click();
      await page.waitForURL(/\/\?events=1&eventKinds=policy$/);
      const note = page.getByTestId('chart-quarter-layer').getByTestId('chart-milestones');
      expect(Number(await note.getAttribute('data-marked'))).toBeGreaterThan(0);
      expect(Number(await note.getAttribute('data-marked'))).toBeLessThan(8);
      await page.getByTestId('milestones-hide').click();
      await page.waitForURL((url) => url.pathname === '/' && url.search === '');
      expect(await page.getByTestId('chart-milestones').count()).toBe(0);
      await page.goto('/?events=2');
      expect(await page.getByTestId('milestones-error').textContent()).toMatch(/events must be 1/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
