import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, baseURL, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

// The market map and the co-investor network (issue 20, parts 3 and 4) on the seed data: drawn, accessible, in both
// languages and themes; their tables agree with their API twins; their filter forms work without JavaScript; they
// export and share like the other views.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const api = async <T>(path: string): Promise<T> => (await fetch(`${baseURL()}${path}`)).json() as Promise<T>;

interface MapAnswer {
  layers: { layer: string; verticals: { vertical: string | null; companies: { id: string; funding: number | null }[] }[] }[];
}
interface NetworkAnswer {
  nodes: { id: string; rounds: number }[];
  pairs: { a: string; b: string; rounds: number }[];
}

const TITLES = { map: { en: 'Market map', zh: '市场图谱' }, network: { en: 'Co-investor network', zh: '共同投资网络' } } as const;

describe('/market-map and /network', () => {
  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`render in ${locale}, ${colorScheme}: drawn, with their tables, accessible`, async () => {
        const { page, context, errors } = await newPage(browser, { locale, colorScheme });
        try {
          expect((await page.goto('/market-map?investor=openai'))?.status()).toBe(200);
          expect((await page.locator('h1').textContent())?.trim()).toBe(TITLES.map[locale]);
          expect(await page.getByTestId('map-svg').locator('rect.map-cell').count()).toBeGreaterThan(3);
          expect(await page.getByTestId('map-table').locator('tbody tr').count()).toBeGreaterThan(3);
          expect(await page.getByTestId('map-portfolio').count()).toBe(1);
          await shot(page, `market-map-${locale}-${colorScheme}`);
          let violations = await axeCheck(page);
          expect(seriousViolations(violations)).toEqual([]);

          expect((await page.goto('/network'))?.status()).toBe(200);
          expect((await page.locator('h1').textContent())?.trim()).toBe(TITLES.network[locale]);
          expect(await page.getByTestId('network-svg').locator('circle.net-node').count()).toBeGreaterThan(5);
          await shot(page, `network-${locale}-${colorScheme}`);
          violations = await axeCheck(page);
          expect(seriousViolations(violations)).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('the OpenAI portfolio map: its table twin lists exactly what the API answers, with the same funding', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/market-map?investor=openai');
      const answer = await api<MapAnswer>('/api/v1/market-map?investor=openai');
      const expected = answer.layers.flatMap((l) => l.verticals.flatMap((v) => v.companies.map((c) => `${c.id}=${c.funding ?? ''}`)));
      expect(expected.length).toBeGreaterThan(3);
      const rows = page.getByTestId('map-table').locator('tbody tr[data-company]');
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-company')}=${tr.querySelector('td[data-value]')?.getAttribute('data-value') ?? ''}`));
      expect(shown).toEqual(expected);
      // Harvey (legal) is in the OpenAI Startup Fund's portfolio; OpenAI itself is not its own portfolio company.
      expect(shown.some((s) => s.startsWith('harvey='))).toBe(true);
      expect(shown.some((s) => s.startsWith('openai='))).toBe(false);
      // Each company's cell is a link to its page.
      expect(await page.getByTestId('map-svg').locator('a[href="/companies/harvey"]').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the seed network: a circle per investor of the API answer; Google and Nvidia share at least two rounds', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/network');
      const answer = await api<NetworkAnswer>('/api/v1/coinvestments');
      expect(await page.getByTestId('network-svg').locator('circle.net-node').count()).toBe(answer.nodes.length);
      const pair = answer.pairs.find((p) => p.a === 'google' && p.b === 'nvidia');
      expect(pair?.rounds).toBeGreaterThanOrEqual(2);
      const row = page.getByTestId('pairs-table').locator('tr[data-pair="google nvidia"]');
      expect(Number(await row.locator('td.num').textContent())).toBe(pair?.rounds);
      expect(await page.getByTestId('pairs-table').locator('tbody tr').count()).toBe(answer.pairs.length);

      // The table's headers sort it through the URL; a circle leads to the investor's page and its co-investors.
      await hydrated(page);
      await page.getByTestId('sort-a').click();
      await page.waitForURL(/sort=a&order=asc/);
      const firsts = await page.getByTestId('pairs-table').locator('tbody tr td:first-child').allTextContents();
      expect(firsts).toEqual([...firsts].sort((x, y) => x.localeCompare(y, 'en')));
      await page.getByTestId('network-svg').locator('a[data-node="nvidia"]').click();
      await page.waitForURL(/\/companies\/nvidia$/);
      const coInvestors = page.getByTestId('co-investors');
      expect(await coInvestors.locator('tbody tr').count()).toBeGreaterThan(1);
      expect(await coInvestors.textContent()).toContain('Google');
      expect(await page.getByTestId('co-investors-network').getAttribute('href')).toBe('/network?min=1&investor=nvidia');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('without JavaScript the filter forms are GET forms: the URL carries the filters, empty fields left out', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto('/market-map');
      await page.selectOption('#f-layer', 'application');
      await page.fill('#f-from', '2023');
      await page.getByTestId('map-filters-apply').click();
      await page.waitForURL((url) => url.pathname === '/market-map' && url.search === '?layer=application&from=2023');
      const layers = await page.getByTestId('map-table').locator('tbody tr td:first-child').allTextContents();
      expect(layers.length).toBeGreaterThan(0);
      expect(new Set(layers)).toEqual(new Set(['Application']));

      await page.goto('/network');
      await page.fill('#f-min', '3');
      await page.getByTestId('network-filters-apply').click();
      await page.waitForURL((url) => url.pathname === '/network' && url.search === '?min=3');
      const counts = await page.getByTestId('pairs-table').locator('tbody td.num').allTextContents();
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.every((c) => Number(c) >= 3)).toBe(true);

      await page.goto('/network?min=0');
      expect(await page.getByTestId('network-error').textContent()).toContain('min');
    } finally {
      await context.close();
    }
  });

  it('exports the map as CSV (BOM, CRLF), SVG and PNG', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/market-map?investor=openai');
      await hydrated(page);
      const frame = page.getByTestId('chart-market-map');
      for (const format of ['CSV', 'SVG', 'PNG']) {
        const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: new RegExp(`as ${format}$`) }).click()]);
        const bytes = fs.readFileSync(await download.path());
        if (format === 'CSV') {
          expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
          expect(bytes.toString('utf8')).toContain('\r\n');
          expect(bytes.toString('utf8')).toContain('harvey');
        }
        if (format === 'SVG') expect(bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        if (format === 'PNG') expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shares read-only: /s/<token> shows the map and the network without forms or links', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      for (const [path, svg] of [['/market-map?layer=foundation', 'map-svg'], ['/network?min=3', 'network-svg']] as const) {
        const made = await context.request.post('/api/v1/shares', { data: { path, mode: 'snapshot' }, headers: { origin: baseURL() } });
        expect(made.status()).toBe(201);
        const { url } = (await made.json()) as { url: string };
        await page.goto(url);
        await hydrated(page);
        expect(await page.getByTestId('share-banner').count()).toBe(1);
        expect(await page.getByTestId(svg).count()).toBe(1);
        expect(await page.locator('form[method="get"]').count()).toBe(0);
        expect(await page.getByTestId(svg).locator('a').count()).toBe(0);
        const violations = await axeCheck(page);
        expect(seriousViolations(violations)).toEqual([]);
        await page.getByRole('link', { name: /Leave the shared view/ }).click();
        await page.waitForURL((u) => u.pathname === '/');
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
