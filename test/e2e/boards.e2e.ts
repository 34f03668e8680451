// The board page in the browser: tiles render their data (the table tile row for row as its API twin), the board
// filters follow through a plain form (also without JavaScript), the layout editor moves and resizes a tile by
// keyboard and saves it, a stale save gets the 409 reload message, and the team-mode rules decide who may edit.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamServer, type TeamServer } from './auth-server';
import { axeCheck, baseURL, hydrated, launchBrowser, newPage, seriousViolations } from './support';
import { openTeamPage } from './team-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const HOSTILE = '**Base** concentrates <script>window.__pwned = 1</script> <img src="x" onerror="window.__pwned = 2">';
const TILES = [
  { id: 'rounds', kind: 'table', title: 'OpenAI rounds', path: '/investments?investor=openai&sort=amount_usd&order=desc', rows: 5, x: 0, y: 0, w: 12, h: 5 },
  { id: 'hhi', kind: 'metric', path: '/concentration?basis=funding', metric: 'hhi', x: 0, y: 5, w: 4, h: 3 },
  { id: 'note', kind: 'note', text: HOSTILE, x: 4, y: 5, w: 8, h: 3 },
];

interface TileData {
  id: string;
  applied: string[];
  ignored: string[];
  data: { rows: { id: string }[]; total: number };
}

async function api(method: string, path: string, body?: unknown, base = baseURL()) {
  const response = await fetch(`${base}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined });
  return { status: response.status, body: await response.json() };
}

async function createBoard(title: string): Promise<string> {
  const made = await api('POST', '/api/v1/boards', { title, tiles: TILES });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id;
}

/** The row ids the table tile shows, and the same tile from /api/v1/boards/{id}/data for the page's own query. */
async function tableAndTwin(page: Page, id: string) {
  const shown = await page.locator('[data-testid="tile-rounds"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')));
  const twin = await api('GET', `/api/v1/boards/${id}/data${new URL(page.url()).search}`);
  expect(twin.status, JSON.stringify(twin.body)).toBe(200);
  const tile = (twin.body.tiles as TileData[]).find((t) => t.id === 'rounds') as TileData;
  return { shown, tile };
}

async function expectAxeClean(page: Page, label: string) {
  const violations = await axeCheck(page);
  if (violations.length) console.log(`axe (${label}):\n${violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`).join('\n')}`);
  expect(seriousViolations(violations)).toEqual([]);
}

const placeOf = (page: Page, tile: string) => page.locator(`[data-tile-id="${tile}"]`).getAttribute('data-place');

describe('board page', () => {
  it('renders every tile, the table as its API twin, and follows a board filter set in the form', async () => {
    const id = await createBoard('Board in the browser');
    const { page, context, errors } = await newPage(browser);
    try {
      expect((await page.goto(`/boards/${id}`))?.status()).toBe(200);
      await hydrated(page);
      expect(await page.getByTestId('board-title').textContent()).toBe('Board in the browser');

      let { shown, tile } = await tableAndTwin(page, id);
      expect(tile.data.total).toBeGreaterThan(0);
      expect(shown).toEqual(tile.data.rows.map((r) => r.id));
      expect(await page.locator('[data-testid="tile-rounds"] [data-testid="board-table-count"]').textContent()).toBe(`${shown.length} of ${tile.data.total}`);
      expect(await page.locator('[data-testid="tile-hhi"] [data-testid="metric-value"]').textContent()).toMatch(/^\d[\d,]*$/);
      // The note's Markdown renders; its HTML stays text and never runs.
      expect(await page.locator('[data-testid="tile-note"] strong').textContent()).toBe('Base');
      expect(await page.locator('[data-testid="tile-note"] script, [data-testid="tile-note"] img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      await expectAxeClean(page, 'board');

      // A board filter through the form: the table takes `from` and ignores `layer`; the metric takes both.
      const before = shown;
      await page.getByTestId('board-filter-layer').selectOption('foundation');
      await page.getByTestId('board-filter-from').fill('2023');
      await Promise.all([page.waitForURL(/from=2023/), page.getByTestId('board-filter-apply').click()]);
      await hydrated(page);
      ({ shown, tile } = await tableAndTwin(page, id));
      expect(tile.applied).toEqual(['from']);
      expect(tile.ignored).toEqual(['layer']);
      expect(shown).toEqual(tile.data.rows.map((r) => r.id));
      expect(shown).not.toEqual(before);
      expect(await page.locator('[data-testid="tile-rounds"] [data-testid="tile-ignores"]').textContent()).toBe('Ignores: Layer');
      expect(await page.locator('[data-testid="tile-hhi"] [data-testid="tile-ignores"]').count()).toBe(0);
      expect(await page.locator('[data-testid="tile-rounds"] [data-testid="tile-open"]').getAttribute('href')).toContain('announced_on__gte=2023-01-01');
      expect(await page.getByTestId('board-download').getAttribute('href')).toMatch(new RegExp(`^/api/v1/boards/${id}/export\\.zip\\?.*from=2023`));

      // A malformed filter in the URL is a message on the page, not a crash.
      expect((await page.goto(`/boards/${id}?from=22`))?.status()).toBe(200);
      expect(await page.getByTestId('board-filter-error').textContent()).toContain('from must be a year');
      expect((await page.goto('/boards/board-missing'))?.status()).toBe(404);
      expect(errors.filter((e) => !/status of 404 .*board-missing/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('prints the seed board to an A4-landscape PDF: every tile, its chart drawn, no controls', async () => {
    const { page, context } = await newPage(browser);
    try {
      expect((await page.goto('/boards/cicc-thesis'))?.status()).toBe(200);
      await hydrated(page);
      // As the Print button does: the plots below the fold load on the print event, then the page prints.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.locator('[data-testid="tile-funding-by-layer"] .recharts-surface').first().waitFor({ state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      const tiles = page.locator('[data-testid^="tile-"][data-kind]');
      expect(await tiles.count()).toBe(9);
      for (const tile of await tiles.all()) expect(await tile.isVisible()).toBe(true);
      expect(await page.locator('[data-testid="tile-error"]').count()).toBe(0);
      for (const control of ['board-print', 'board-download', 'board-filter-apply']) expect(await page.getByTestId(control).isVisible(), control).toBe(false);
      const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('moves and resizes a tile by keyboard, saves, keeps the layout after a reload, and offers a reload on a stale save', async () => {
    const id = await createBoard('Board to rearrange');
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto(`/boards/${id}`);
      await hydrated(page);
      await page.getByTestId('board-edit').click();
      const handle = page.locator('[data-tile-id="note"] [data-testid="tile-handle"]');
      await handle.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+ArrowLeft');
      expect(await placeOf(page, 'note')).toBe('4,6,7,3');
      expect(await page.getByTestId('board-status').textContent()).toContain('column 5, row 7, 7 columns × 3 rows');
      // Into another tile or out of the grid: refused, and said so.
      await page.keyboard.press('ArrowLeft');
      expect(await placeOf(page, 'note')).toBe('4,6,7,3');
      expect(await page.getByTestId('board-status').textContent()).toContain('overlap');
      await expectAxeClean(page, 'board editor');

      await page.getByTestId('board-save').click();
      await expect.poll(() => page.getByTestId('board-status').textContent(), { timeout: 15_000 }).toContain('Layout saved (version 2)');
      await page.reload();
      await hydrated(page);
      expect(await placeOf(page, 'note')).toBe('4,6,7,3');
      const stored = (await api('GET', `/api/v1/boards/${id}`)).body;
      expect(stored.tiles.find((t: { id: string }) => t.id === 'note')).toMatchObject({ x: 4, y: 6, w: 7, h: 3 });

      // Someone else saves between loading and saving: 409, nothing written, and a way to reload.
      await page.getByTestId('board-edit').click();
      await page.locator('[data-tile-id="note"] [data-testid="tile-handle"]').focus();
      await page.keyboard.press('ArrowDown');
      expect((await api('PATCH', `/api/v1/boards/${id}`, { title: 'Renamed elsewhere', version: 2 })).status).toBe(200);
      await page.getByTestId('board-save').click();
      await expect.poll(() => page.getByTestId('board-problem').textContent(), { timeout: 15_000 }).toContain('changed elsewhere (it is now at version 3)');
      expect((await api('GET', `/api/v1/boards/${id}`)).body.tiles.find((t: { id: string }) => t.id === 'note')).toMatchObject({ y: 6 });
      await Promise.all([page.waitForEvent('load'), page.getByTestId('board-reload').click()]);
      await hydrated(page);
      expect(await page.getByTestId('board-title').textContent()).toBe('Renamed elsewhere');
      expect(await placeOf(page, 'note')).toBe('4,6,7,3');
      expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the filter form works without JavaScript; /boards, /boards/new, /boards/{id}/edit and the dashboard list still work', async () => {
    const id = await createBoard('Board without scripts');
    const { page, context } = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(`/boards/${id}`);
      await page.getByTestId('board-filter-from').fill('2023');
      await Promise.all([page.waitForURL(/from=2023/), page.getByTestId('board-filter-apply').click()]);
      const { shown, tile } = await tableAndTwin(page, id);
      expect(tile.applied).toEqual(['from']);
      expect(shown).toEqual(tile.data.rows.map((r) => r.id));
      await Promise.all([page.waitForURL((url) => url.search === ''), page.getByTestId('board-filter-clear').click()]);
      expect(await page.getByTestId('board-filter-from').inputValue()).toBe('');

      await page.goto('/boards');
      expect(await page.locator('[data-testid="data-table"] tbody').getByRole('link', { name: 'Board without scripts' }).count()).toBe(1);
      expect((await page.goto('/boards/new'))?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('New Board');
      expect((await page.goto(`/boards/${id}/edit`))?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Edit Board');
      await page.goto('/');
      expect(await page.getByTestId('dash-boards').getByRole('link', { name: 'Board without scripts' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('board permissions in team mode', () => {
  const ADMIN = { email: 'admin@example.com', password: 'admin password 1', role: 'admin' as const };
  const OWNER = { email: 'owner@example.com', password: 'owner password 1', role: 'editor' as const };
  const OTHER = { email: 'other@example.com', password: 'other password 1', role: 'editor' as const };
  const VIEWER = { email: 'viewer@example.com', password: 'viewer password 1', role: 'viewer' as const };
  let server: TeamServer;
  beforeAll(async () => {
    server = await startTeamServer([ADMIN, OWNER, OTHER, VIEWER]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('only the owner and admins get edit controls; another user cannot see a private board', async () => {
    const admin = await openTeamPage(browser, server, { as: ADMIN });
    const owner = await openTeamPage(browser, server, { as: OWNER });
    const other = await openTeamPage(browser, server, { as: OTHER });
    const viewer = await openTeamPage(browser, server, { as: VIEWER });
    try {
      const made = async (visibility: string) => {
        const reply = await owner.context.request.post('/api/v1/boards', { data: { title: `Owner's ${visibility} board`, visibility, tiles: TILES }, headers: { origin: server.baseURL } });
        expect(reply.status()).toBe(201);
        return (await reply.json()).id as string;
      };
      const team = await made('team');
      const hidden = await made('private');
      for (const { page } of [owner, admin]) {
        await page.goto(`/boards/${hidden}`);
        expect(await page.getByTestId('board-edit').count()).toBe(1);
      }
      for (const { page } of [other, viewer]) {
        expect((await page.goto(`/boards/${team}`))?.status()).toBe(200);
        expect(await page.getByTestId('tile-rounds').count()).toBe(1);
        expect(await page.getByTestId('board-edit').count()).toBe(0);
        expect((await page.goto(`/boards/${hidden}`))?.status()).toBe(404);
        await page.goto('/boards');
        expect(await page.locator('[data-testid="data-table"] tbody').getByText("Owner's private board").count()).toBe(0);
      }
      expect((await other.page.goto(`/boards/${hidden}/edit`))?.status()).toBe(404);
      await other.page.goto(`/boards/${team}/edit`);
      expect(await other.page.getByTestId('board-not-owner').count()).toBe(1);
      expect([...owner.errors, ...admin.errors]).toEqual([]);
    } finally {
      await Promise.all([admin.context.close(), owner.context.close(), other.context.close(), viewer.context.close()]);
    }
  });
});
