// "Pin to board" in the browser (local mode, seed data): a table, a concentration chart and figure, and a
// hypothesis indicator pinned through the dialog onto a new board, which then holds their canonical paths; the
// board shared as a snapshot and live, a pinned row edited, the snapshot unchanged while the live link follows,
// and revoked → 410. Until the board page lands (app/boards/[id]/page.tsx), the shared board is read through
// /api/v1/s/<token>, the JSON twin of /s/<token>. Screenshots of the dialog in English and Chinese, light and dark.
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concentrationPinPath } from '../../lib/boards/pin-targets';
import { startTeamServer, type TeamServer } from './auth-server';
import { axeCheck, baseURL, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';
import { openTeamPage } from './team-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CONCENTRATION = '/concentration?layer=foundation&basis=funding';

async function openDialog(page: Page, path: string, opener = 'pin-open') {
  await page.goto(path);
  await hydrated(page);
  await page.getByTestId(opener).click();
  const dialog = page.getByTestId('pin-dialog');
  await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(true);
  // The board list has loaded once the picker is enabled.
  await expect.poll(() => page.getByTestId('pin-board').isEnabled(), { timeout: 15_000 }).toBe(true);
  return dialog;
}

async function expectAxeClean(page: Page, label: string) {
  const violations = await axeCheck(page);
  if (violations.length) console.log(`axe (${label}):\n${violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`).join('\n')}`);
  expect(seriousViolations(violations)).toEqual([]);
}

/** Pin what is chosen to the board `board` (an id, or a title for a new one); returns the board's id. */
async function pin(page: Page, board: { id: string } | { title: string }, choice?: string): Promise<string> {
  if (choice) await page.getByTestId(`pin-choice-${choice}`).check();
  if ('id' in board) await page.getByTestId('pin-board').selectOption(board.id);
  else {
    await page.getByTestId('pin-board').selectOption('__new__');
    await page.getByTestId('pin-new-title').fill(board.title);
  }
  await page.getByTestId('pin-submit').click();
  await expect.poll(() => page.getByTestId('pin-done').count(), { timeout: 15_000 }).toBe(1);
  const href = await page.getByTestId('pin-board-link').getAttribute('href');
  expect(href).toMatch(/^\/boards\/[^/]+$/);
  return decodeURIComponent(String(href).split('/').pop() ?? '');
}

const api = (page: Page) => page.context().request;
const write = { headers: { origin: '' } };

describe('pin to board', () => {
  it('pins a table, a chart, a figure and an indicator from their pages; shares the board as a snapshot and live', async () => {
    const { page, errors } = await newPage(browser);
    write.headers.origin = baseURL();
    try {
      // A table view, onto a new board.
      const dialog = await openDialog(page, '/investments?investor=openai');
      expect(await dialog.textContent()).toContain('Pin to a board');
      expect(await page.getByTestId('pin-tile-title').inputValue()).toBe('Table: Investments · investor = openai');
      await page.getByTestId('pin-board').selectOption('__new__');
      await page.getByTestId('pin-new-title').fill('E2E pins <b>board</b>');
      await shot(page, 'pin-dialog-investments-en-light');
      await expectAxeClean(page, 'pin dialog on /investments');
      const id = await pin(page, { title: 'E2E pins <b>board</b>' });
      expect(await page.getByTestId('pin-done').textContent()).toContain('Pinned to “E2E pins <b>board</b>”.');
      expect(await page.locator('.pin-dialog b').count()).toBe(0);
      // Escape closes the dialog and gives the focus back to the button.
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('pin-dialog').isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pin-open');

      // /concentration: a chart, then a figure, onto the same board.
      await openDialog(page, CONCENTRATION);
      expect(await page.locator('[data-testid^="pin-choice-"]').count()).toBe(8);
      await page.getByTestId('pin-choice-lorenz').check();
      await page.getByTestId('pin-board').selectOption(id);
      await shot(page, 'pin-dialog-concentration-en-light');
      await expectAxeClean(page, 'pin dialog on /concentration');
      await pin(page, { id }, 'lorenz');
      await pin(page, { id }, 'hhi');

      // A hypothesis with an indicator (one without offers no pin).
      await openDialog(page, '/hypotheses/h7');
      await pin(page, { id });
      await page.goto('/hypotheses/h1');
      await hydrated(page);
      expect(await page.getByTestId('pin-open').count()).toBe(0);

      const board = await (await api(page).get(`/api/v1/boards/${encodeURIComponent(id)}`)).json();
      expect(board.title).toBe('E2E pins <b>board</b>');
      const conc = concentrationPinPath(new URL(CONCENTRATION, 'http://x').searchParams);
      expect(board.tiles.map((tile: Record<string, unknown>) => ({ kind: tile.kind, path: tile.path, chart: tile.chart, metric: tile.metric, hypothesis_id: tile.hypothesis_id }))).toEqual([
        { kind: 'table', path: '/investments?investor=openai', chart: undefined, metric: undefined, hypothesis_id: undefined },
        { kind: 'chart', path: conc, chart: 'lorenz', metric: undefined, hypothesis_id: undefined },
        { kind: 'metric', path: conc, chart: undefined, metric: 'hhi', hypothesis_id: undefined },
        { kind: 'indicator', path: undefined, chart: undefined, metric: undefined, hypothesis_id: 'h7' },
      ]);
      expect(board.tiles[1].title).toBe('Chart: Lorenz curve');

      // "Download data": the served zip holds README.txt and one CSV per tile.
      const zip = await api(page).get(`/api/v1/boards/${encodeURIComponent(id)}/export.zip?from=2020`);
      expect(zip.status()).toBe(200);
      expect(zip.headers()['content-type']).toBe('application/zip');
      const ids = board.tiles.map((tile: { id: string }) => tile.id);
      expect(Object.keys(unzipSync(new Uint8Array(await zip.body()))).sort()).toEqual(['README.txt', ...ids.map((tileId: string, i: number) => `0${i + 1}-${tileId}.csv`)].sort());

      // Share the board as a snapshot and live; edit a row the table tile shows.
      const share = async (mode: string) => {
        const made = await api(page).post('/api/v1/shares', { data: { path: `/boards/${id}`, mode }, ...write });
        expect(made.status(), await made.text()).toBe(201);
        return (await made.json()).token as string;
      };
      const snapshot = await share('snapshot');
      const live = await share('live');
      const shared = async (token: string) => (await api(page).get(`/api/v1/s/${token}`)).json();
      const before = await shared(snapshot);
      expect(before).toMatchObject({ mode: 'snapshot', title: 'Board E2E pins <b>board</b>', board: { id } });
      const table = before.tiles[0].data;
      const row = table.rows.find((r: { amount_usd: number | null }) => r.amount_usd !== null);
      expect(row).toBeDefined();
      const edited = row.amount_usd + 1_234_567;
      const patched = await api(page).patch(`/api/v1/investments/${encodeURIComponent(row.id)}`, { data: { amount_usd: edited }, ...write });
      expect(patched.status(), await patched.text()).toBe(200);
      try {
        const amountIn = (body: { tiles: { data: { rows: { id: string; amount_usd: number }[] } }[] }) => body.tiles[0].data.rows.find((r) => r.id === row.id)?.amount_usd;
        expect(amountIn(await shared(snapshot))).toBe(row.amount_usd);
        expect(amountIn(await shared(live))).toBe(edited);
        // Revoked → 410.
        expect((await api(page).delete(`/api/v1/shares/${snapshot}`, write)).status()).toBe(204);
        expect((await api(page).get(`/api/v1/s/${snapshot}`)).status()).toBe(410);
      } finally {
        await api(page).patch(`/api/v1/investments/${encodeURIComponent(row.id)}`, { data: { amount_usd: row.amount_usd }, ...write });
      }
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('the dialog in Chinese, dark; pins from the dashboard and the scenario comparison', async () => {
    const { page, errors } = await newPage(browser, { locale: 'zh', colorScheme: 'dark' });
    try {
      const dialog = await openDialog(page, '/investments?investor=openai');
      expect(await dialog.textContent()).toContain('固定到看板');
      await shot(page, 'pin-dialog-investments-zh-dark');
      await expectAxeClean(page, 'pin dialog zh dark');
      await page.getByTestId('pin-close').click();
      await openDialog(page, CONCENTRATION);
      expect(await page.getByTestId('pin-choice-gini').locator('xpath=..').textContent()).toContain('基尼系数');
      await shot(page, 'pin-dialog-concentration-zh-dark');
      await page.keyboard.press('Escape');

      await openDialog(page, '/', 'pin-open-funding-by-region');
      const id = await pin(page, { title: '仪表盘图表' });
      await openDialog(page, '/scenarios/compare?hypothesis=h7');
      await pin(page, { id });
      const board = await (await api(page).get(`/api/v1/boards/${encodeURIComponent(id)}`)).json();
      expect(board.tiles).toMatchObject([
        { kind: 'chart', path: '/', chart: 'funding-by-region', title: '图表：按年份和地区的融资' },
        { kind: 'chart', path: '/scenarios/compare?hypothesis=h7', chart: 'compare', title: '图表：情景对比' },
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('English dark and Chinese light screenshots of the dialog on /concentration', async () => {
    for (const [locale, colorScheme] of [['en', 'dark'], ['zh', 'light']] as const) {
      const { page, errors } = await newPage(browser, { locale, colorScheme });
      try {
        await openDialog(page, CONCENTRATION);
        await page.getByTestId('pin-choice-hhi').check();
        await shot(page, `pin-dialog-concentration-${locale}-${colorScheme}`);
        await openDialog(page, '/investments?investor=openai');
        await shot(page, `pin-dialog-investments-${locale}-${colorScheme}`);
        expect(errors).toEqual([]);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('pin to board in team mode', () => {
  const ADMIN = { email: 'admin@example.com', password: 'admin password 1', role: 'admin' as const };
  const EDITOR = { email: 'editor@example.com', password: 'editor password 1', role: 'editor' as const };
  const OTHER = { email: 'other@example.com', password: 'other password 1', role: 'editor' as const };
  const VIEWER = { email: 'viewer@example.com', password: 'viewer password 1', role: 'viewer' as const };
  let server: TeamServer;
  beforeAll(async () => {
    server = await startTeamServer([ADMIN, EDITOR, OTHER, VIEWER]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('viewers get no pin button; an editor sees others’ team boards read-only and pins to their own', async () => {
    const other = await openTeamPage(browser, server, { as: OTHER });
    const viewer = await openTeamPage(browser, server, { as: VIEWER });
    const editor = await openTeamPage(browser, server, { as: EDITOR });
    const admin = await openTeamPage(browser, server, { as: ADMIN });
    try {
      const origin = { headers: { origin: server.baseURL } };
      const make = async (title: string, visibility: string) => {
        const made = await other.context.request.post('/api/v1/boards', { data: { title, visibility }, ...origin });
        expect(made.status(), await made.text()).toBe(201);
        return (await made.json()).id as string;
      };
      const team = await make('Other team board', 'team');
      const hidden = await make('Other private board', 'private');

      for (const path of ['/investments?investor=openai', CONCENTRATION, '/hypotheses/h7', '/']) {
        await viewer.page.goto(path);
        await hydrated(viewer.page);
        expect(await viewer.page.locator('[data-testid^="pin-open"]').count(), path).toBe(0);
        expect(await viewer.page.getByTestId('share-open').count(), path).toBe(1);
      }

      await openDialog(editor.page, CONCENTRATION);
      const options = editor.page.getByTestId('pin-board').locator('option');
      const texts = await options.allTextContents();
      expect(texts).toContain('Other team board — read-only (other@example.com)');
      expect(texts.at(-1)).toBe('New board…');
      expect(texts.join('|')).not.toContain('Other private board');
      expect(await editor.page.getByTestId('pin-board').locator(`option[value="${team}"]`).isDisabled()).toBe(true);
      expect(await editor.page.getByTestId('pin-board').locator(`option[value="${hidden}"]`).count()).toBe(0);
      await editor.page.getByTestId('pin-choice-cr4').check();
      await shot(editor.page, 'pin-dialog-team-en-light');
      await expectAxeClean(editor.page, 'pin dialog in team mode');
      const id = await pin(editor.page, { title: 'Editor board' }, 'cr4');
      const board = await (await editor.context.request.get(`/api/v1/boards/${encodeURIComponent(id)}`)).json();
      expect(board).toMatchObject({ owner: 'editor@example.com', visibility: 'private', tiles: [{ kind: 'metric', metric: 'cr4' }] });

      // An admin may pin to any board, another user's private one included.
      await openDialog(admin.page, '/investments?investor=openai');
      expect(await admin.page.getByTestId('pin-board').locator('option:disabled').count()).toBe(0);
      await pin(admin.page, { id: hidden });
      const pinned = await (await other.context.request.get(`/api/v1/boards/${encodeURIComponent(hidden)}`)).json();
      expect(pinned.tiles).toMatchObject([{ kind: 'table', path: '/investments?investor=openai' }]);
      for (const opened of [other, viewer, editor, admin]) expect(opened.errors).toEqual([]);
    } finally {
      for (const opened of [other, viewer, editor, admin]) await opened.context.close();
    }
  });
});
