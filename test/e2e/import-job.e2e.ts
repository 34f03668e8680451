// A long import on the import page (issue 16, item 7; docs/decisions/031-import-jobs.md): the upload answers 202
// with a job, the page shows its progress with the job in its address, a reload shows it again, and the summary
// comes when it is done; a second job is cancelled and changes nothing. Screenshots of a running and a finished
// job in English and Chinese, light and dark: screenshots/csv-job-<running|done>-<locale>-<scheme>.png.
// Its own instance (npm start's script) with ATLAS_IMPORT_SYNC_MS=0, so that every import is a job.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, startInstance, waitHealthy, type Instance } from './instance';
import { axeCheck, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

const ROWS = 60_000;
let browser: Browser;
let instance: Instance;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-import-job-'));

beforeAll(async () => {
  requireBuild();
  instance = await startInstance({ DATABASE_URL: path.join(tmp, 'atlas.db'), ATLAS_IMPORT_SYNC_MS: '0', ATLAS_SEED: 'on' }, 'import-job');
  await waitHealthy(instance);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await instance?.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const file = (tag: string) => {
  const lines = ['id,name,kind,country'];
  for (let i = 0; i < ROWS; i++) lines.push(`${tag}-${i},${tag} 公司 ${i},builder,${i % 3 ? 'US' : 'CN'}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
};

const tile = (page: Page, key: string) => page.getByTestId(`job-${key}`).locator('.tile-value');
const count = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));
const total = async (page: Page) => (await (await page.request.get('/api/v1/companies?pageSize=1')).json()).total as number;

/** Choose a file of ROWS companies and press Import: the job's id, once the page follows it. */
async function startJob(page: Page, tag: string): Promise<string> {
  await page.goto('/import?collection=companies');
  await hydrated(page);
  await page.getByTestId('import-file').setInputFiles({ name: `${tag}.csv`, mimeType: 'text/csv', buffer: file(tag) });
  await expect.poll(() => page.getByTestId('mapping-table').locator('tbody tr').count()).toBe(4);
  await page.getByTestId('import-commit').click();
  const panel = page.locator('[data-testid=import-job][data-state=running]');
  await panel.waitFor({ timeout: 30_000 });
  const id = (await panel.getAttribute('data-job')) ?? '';
  expect(id).toMatch(/^job-[0-9a-f]{32}$/);
  return id;
}

describe('a long import on the import page', () => {
  let finished = '';

  it('shows the job’s progress, survives a reload, and shows the summary when it is done', { timeout: 240_000 }, async () => {
    const { page, context, errors } = await newPage(browser, { baseURL: instance.baseURL });
    try {
      const before = await total(page);
      const id = await startJob(page, 'e2e-job');
      expect(new URL(page.url()).searchParams.get('job')).toBe(id);
      await expect.poll(async () => count(await tile(page, 'rows').textContent()), { timeout: 60_000 }).toBeGreaterThan(0);
      expect(await page.getByTestId('import-job-read').textContent()).toMatch(/of .* read \(\d+%\)/);
      expect(await page.getByTestId('import-commit').isDisabled(), 'no second import while one runs').toBe(true);
      const seenBefore = count(await tile(page, 'rows').textContent());

      await page.reload();
      await hydrated(page);
      const again = page.locator(`[data-testid=import-job][data-job="${id}"]`);
      const result = page.locator('[data-testid=import-result][data-dry-run="0"]');
      // Still running after the reload (as a rule), or done already on a fast machine: either way the same job.
      await expect.poll(async () => (await again.count()) + (await result.count()), { timeout: 30_000 }).toBeGreaterThan(0);
      if (await again.count()) {
        await expect.poll(async () => count(await tile(page, 'rows').textContent()), { timeout: 60_000 }).toBeGreaterThanOrEqual(seenBefore);
        expect(seriousViolations(await axeCheck(page))).toEqual([]);
      }

      await result.waitFor({ timeout: 180_000 });
      expect(count(await result.getByTestId('count-inserted').locator('.tile-value').textContent())).toBe(ROWS);
      expect(await result.getByRole('status').textContent()).toMatch(/Imported as batch imp-/);
      expect(await total(page)).toBe(before + ROWS);
      const history = page.getByTestId('import-history');
      await expect.poll(() => history.locator('tbody tr').first().textContent()).toContain('e2e-job.csv');

      // The address still names the job: a later visit shows its summary.
      await page.reload();
      await hydrated(page);
      await result.waitFor();
      expect(count(await result.getByTestId('count-inserted').locator('.tile-value').textContent())).toBe(ROWS);
      finished = id;
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Cancel stops a job: it ends cancelled and nothing is written', { timeout: 120_000 }, async () => {
    const { page, context, errors } = await newPage(browser, { baseURL: instance.baseURL });
    try {
      const before = await total(page);
      await startJob(page, 'e2e-cancel');
      await page.getByTestId('import-job-cancel').click();
      const ended = page.locator('[data-testid=import-job-ended][data-state=cancelled]');
      await ended.waitFor({ timeout: 30_000 });
      expect(await ended.textContent()).toContain('nothing was changed');
      expect(await total(page)).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`screenshots, ${locale} ${colorScheme}: a running job, and a finished one`, { timeout: 120_000 }, async () => {
        expect(finished, 'the first test finished a job').not.toBe('');
        const { page, context, errors } = await newPage(browser, { baseURL: instance.baseURL, locale, colorScheme });
        try {
          await startJob(page, `shot-${locale}-${colorScheme}`);
          await expect.poll(async () => count(await tile(page, 'rows').textContent()), { timeout: 60_000 }).toBeGreaterThan(0);
          await shot(page, `csv-job-running-${locale}-${colorScheme}`);
          await page.getByTestId('import-job-cancel').click();
          await page.locator('[data-testid=import-job-ended][data-state=cancelled]').waitFor({ timeout: 30_000 });

          await page.goto(`/import?job=${finished}`);
          await hydrated(page);
          await page.locator('[data-testid=import-result][data-dry-run="0"]').waitFor();
          await shot(page, `csv-job-done-${locale}-${colorScheme}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
