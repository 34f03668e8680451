import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../lib/collections';
import { axeCheck, baseURL, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// URL updates go through a React transition and a server round trip; a loaded CI machine needs time.
const SLOW = { timeout: 20_000 };
const query = (page: Page) => new URL(page.url()).search;
const firstCells = (page: Page, column = 1) => page.locator(`[data-testid="data-table"] tbody tr td:nth-child(${column})`).allTextContents();
/** The router's fetches (React Server Component payloads) the page has sent and not yet had answered. */
function routerFetchesInFlight(page: Page): Set<Request> {
  const pending = new Set<Request>();
  page.on('request', (request) => {
    if (request.headers()['rsc'] === '1') pending.add(request);
  });
  const settle = (request: Request) => pending.delete(request);
  page.on('requestfinished', settle);
  page.on('requestfailed', settle);
  return pending;
}

/** What happened on the page, in order and briefly, for a failure's message: navigations, router fetches (not prefetches), console. */
function trailOf(page: Page): string[] {
  const trail: string[] = [];
  const t0 = Date.now();
  const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/[?&]_rsc=[^&]*/, '').replace(/pageSize=10&round_type=seed&sort=amount_usd&/, '…');
  const add = (text: string) => trail.push(`${Date.now() - t0}ms ${text}`);
  page.on('framenavigated', (frame) => frame === page.mainFrame() && add(`nav ${short(frame.url())}`));
  const routerFetch = (request: Request) => request.headers()['rsc'] === '1' && !request.headers()['next-router-prefetch'];
  page.on('request', (request) => routerFetch(request) && add(`rsc> ${short(request.url())}`));
  page.on('requestfinished', async (request) => routerFetch(request) && add(`rsc< ${short(request.url())} ${(await request.response())?.status()}`));
  page.on('requestfailed', (request) => routerFetch(request) && add(`failed ${short(request.url())} ${request.failure()?.errorText}`));
  page.on('console', (message) => add(`console.${message.type()} ${message.text().slice(0, 120)}`));
  page.on('load', () => add('load'));
  return trail;
}

/** The tab's history entries (CDP), the current one starred. */
async function historyOf(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const { currentIndex, entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return `history ${entries.map((entry, index) => `${index === currentIndex ? '*' : ''}${new URL(entry.url).search}`).join(' ')}`;
}

/** The cells of the column whose header starts with this label. */
async function cellsOf(page: Page, header: string): Promise<string[]> {
  // The server streams the page: a new URL can be committed before the table has arrived.
  await page.locator('[data-testid="data-table"] thead th').first().waitFor(SLOW);
  const headers = (await page.locator('[data-testid="data-table"] thead th').allTextContents()).map((text) => text.trim());
  const index = headers.findIndex((text) => text.startsWith(header));
  if (index < 0) throw new Error(`no column "${header}" in ${headers.join(', ')}`);
  return firstCells(page, index + 1);
}

describe('data tables', () => {
  it('filters by a facet, sorts, pages, and a reload or back/forward restores the same rows and URL', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/investments?pageSize=10');
      await expect.poll(() => page.getByTestId('row-range').textContent(), SLOW).toMatch(/^1–10 of \d+/);

      await page.getByTestId('facet-round_type').locator('summary').click();
      // Facet values are links to the view with the value chosen (they were checkboxes).
      await page.getByTestId('facet-round_type').getByRole('link', { name: /^Seed/ }).click();
      await expect.poll(() => query(page), SLOW).toContain('round_type=seed');
      await expect.poll(async () => [...new Set(await firstCells(page, 2))], SLOW).toEqual(['Seed']);

      // Sort headers are links to the next sort (they were buttons).
      await page.getByRole('link', { name: /Amount \(USD\)/ }).click();
      await expect.poll(() => query(page), SLOW).toContain('sort=amount_usd&order=asc');
      await page.getByRole('link', { name: /Amount \(USD\)/ }).click();
      await expect.poll(() => query(page), SLOW).toContain('order=desc');
      const sortedRows = await firstCells(page);
      const sortedUrl = page.url();

      await page.reload();
      expect(page.url()).toBe(sortedUrl);
      expect(await firstCells(page)).toEqual(sortedRows);
      // The moves below are the router's: a Back before hydration is a reload (see "a Back before hydration").
      await hydrated(page);

      // Forward as soon as the URL is back, often before the server has answered the back navigation: the rows
      // must still end up those of the URL (useRowsFollowUrl). Three times, as the race is not always lost.
      // Each Back starts from a settled page (no router fetch in flight): the race under test is the Forward's.
      const inFlight = routerFetchesInFlight(page);
      const trail = trailOf(page);
      for (let i = 0; i < 3; i++) {
        await expect.poll(() => inFlight.size, SLOW).toBe(0);
        await page.goBack();
        try {
          await expect.poll(() => query(page), SLOW).toContain('order=asc');
        } catch {
          throw new Error(`Back ${i + 1} did not reach the ascending sort: the URL is ${page.url()}; ${await historyOf(page)}; ${trail.join(' | ')}`);
        }
        await page.goForward();
        await expect.poll(() => page.url(), SLOW).toBe(sortedUrl);
        await expect.poll(() => firstCells(page), SLOW).toEqual(sortedRows);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('changes page and keeps it in the URL', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/companies?pageSize=25');
      const first = await firstCells(page);
      await page.getByTestId('page-next').click();
      await expect.poll(() => query(page)).toContain('page=2');
      await expect.poll(() => page.getByTestId('row-range').textContent()).toMatch(/^26–/);
      const second = await firstCells(page);
      expect(second).not.toEqual(first);
      await page.reload();
      expect(await firstCells(page)).toEqual(second);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('without JavaScript, filters by a facet value, sorts and pages through links the server renders', async () => {
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto('/companies?pageSize=10');
      await page.getByTestId('facet-layer').locator('summary').click();
      await page.getByTestId('facet-layer').getByRole('link', { name: /^Foundation/ }).click();
      await expect.poll(() => query(page), SLOW).toBe('?pageSize=10&layer=foundation');
      await page.waitForLoadState('load');
      expect([...new Set(await cellsOf(page, 'Layer'))]).toEqual(['Foundation']);

      await page.getByRole('link', { name: /^Founded/ }).click();
      await expect.poll(() => query(page), SLOW).toContain('sort=founded_year&order=asc');
      await page.waitForLoadState('load');
      const years = (await cellsOf(page, 'Founded')).map(Number).filter((n) => n > 0);
      expect(years).toEqual([...years].sort((a, b) => a - b));
      expect([...new Set(await cellsOf(page, 'Layer'))]).toEqual(['Foundation']);

      const firstPage = await firstCells(page);
      await page.getByTestId('page-next').click();
      await expect.poll(() => query(page), SLOW).toContain('page=2');
      await page.waitForLoadState('load');
      expect(await page.getByTestId('row-range').textContent()).toMatch(/^11–/);
      expect(await firstCells(page)).not.toEqual(firstPage);
      expect(query(page)).toContain('layer=foundation');
    } finally {
      await context.close();
    }
  });

  it('a header clicked right after domcontentloaded sorts; after hydration a click stays on the page', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      // The page's scripts arrive late, as on a slow connection, so that the click surely comes before hydration.
      let slowScripts = true;
      await page.route('**/_next/static/chunks/**', async (route) => {
        if (slowScripts) await new Promise((resolve) => setTimeout(resolve, 2_000));
        await route.continue();
      });
      await page.goto('/companies', { waitUntil: 'domcontentloaded' });
      await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
      await page.getByRole('link', { name: /^Founded/ }).click();
      slowScripts = false;
      await expect.poll(() => query(page), SLOW).toBe('?sort=founded_year&order=asc');
      await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent(), SLOW).toMatch(/^Founded/);
      // The browser followed the link: a new document.
      expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBeUndefined();

      // Once hydrated, the same kind of link is followed without a full page load: the window stays.
      await hydrated(page);
      await page.evaluate(() => ((window as unknown as { __samePage?: boolean }).__samePage = true));
      await page.getByRole('link', { name: /^Founded/ }).click();
      await expect.poll(() => query(page), SLOW).toBe('?sort=founded_year&order=desc');
      await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent(), SLOW).toMatch(/^Founded/);
      expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a Back before hydration shows the view it went back to and keeps the entry it left', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      const founded = (order: 'ascending' | 'descending') => expect.poll(() => page.locator(`th[aria-sort="${order}"]`).textContent(), SLOW).toMatch(/^Founded/);
      await page.goto('/companies?pageSize=10');
      await hydrated(page);
      await page.getByRole('link', { name: /^Founded/ }).click();
      await founded('ascending');
      const ascending = await firstCells(page);
      await page.getByRole('link', { name: /^Founded/ }).click();
      await founded('descending');

      // Reloaded with its scripts held back (a slow connection), the page goes back before it has hydrated, to an
      // entry the router pushed: the browser moves there without a new document, and only the URL would change.
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/_next/static/chunks/**', async (route) => {
        await released;
        await route.continue();
      });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.goBack({ waitUntil: 'commit' });
      await expect.poll(() => query(page), SLOW).toBe('?pageSize=10&sort=founded_year&order=asc');
      // The page shows the view of the URL it went back to before any of its scripts has arrived.
      await founded('ascending');
      expect(await firstCells(page)).toEqual(ascending);
      release();
      await hydrated(page);
      expect(query(page)).toBe('?pageSize=10&sort=founded_year&order=asc');
      // The descending view is still the entry after this one.
      await page.goForward();
      await expect.poll(() => query(page), SLOW).toBe('?pageSize=10&sort=founded_year&order=desc');
      await founded('descending');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a detail page, edits a value, sees it in the history and undoes it', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/companies?q=Harvey');
      await page.locator('[data-testid="data-table"] tbody').getByRole('link', { name: 'Harvey', exact: true }).click();
      await expect.poll(() => page.getByTestId('detail-title').textContent()).toBe('Harvey');
      const original = (await page.locator('dd[data-field="hq"]').textContent()) ?? '';

      await page.getByTestId('edit-row').click();
      await page.getByLabel('Headquarters').fill('Test City 测试');
      await page.getByTestId('save-row').click();
      await expect.poll(() => page.locator('dd[data-field="hq"]').textContent(), { timeout: 15_000 }).toBe('Test City 测试');
      const history = page.getByTestId('history');
      await expect.poll(() => history.locator('li').first().textContent()).toMatch(/updated.*Changed: hq/s);

      await history.locator('li').first().getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => page.locator('dd[data-field="hq"]').textContent(), { timeout: 15_000 }).toBe(original);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows validation messages from the schemas and writes nothing', async () => {
    const { page, context } = await newPage(browser);
    try {
      await page.goto('/companies/new');
      await page.getByLabel(/^Name/).fill('Nameless Corp');
      await page.getByLabel(/^Founded/).fill('99999');
      await page.getByTestId('save-row').click();
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Some fields need attention');
      expect(await page.locator('.field-error').allTextContents()).not.toEqual([]);
      expect(new URL(page.url()).pathname).toBe('/companies/new');
    } finally {
      await context.close();
    }
  });

  it('renders hostile names and descriptions as text: no script runs', async () => {
    const hostile = { id: 'xss-probe', name: '<img src=x onerror="window.__xss=1">', kind: 'other', description: '<script>window.__xss=2</script> "quoted" \u202Eevil' };
    const created = await fetch(`${baseURL()}/api/v1/companies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hostile) });
    expect([201, 409]).toContain(created.status);
    const { page, context } = await newPage(browser);
    try {
      for (const path of ['/companies?q=onerror', '/companies/xss-probe']) {
        await page.goto(path);
        await expect.poll(() => page.getByText(hostile.name).first().isVisible()).toBe(true);
        expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
        expect(await page.locator('img[src="x"]').count()).toBe(0);
      }
    } finally {
      await context.close();
    }
  });

  it('switches to Chinese and shows the Chinese labels', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/companies');
      await page.getByTestId('lang-zh').click();
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 15_000 }).toBe('公司');
      await expect.poll(() => page.getByRole('link', { name: /名称/ }).count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const collection of COLLECTIONS) {
    for (const locale of ['en', 'zh'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        it(`/${collection.id} in ${locale} ${colorScheme}: screenshot, axe, no errors`, async () => {
          const { page, context, errors } = await newPage(browser, { locale, colorScheme });
          try {
            const response = await page.goto(`/${collection.id}`);
            expect(response?.status()).toBe(200);
            await page.getByTestId('data-table').waitFor();
            await shot(page, `table-${collection.id}-${locale}-${colorScheme}`);
            expect(seriousViolations(await axeCheck(page))).toEqual([]);
            expect(errors).toEqual([]);
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});
