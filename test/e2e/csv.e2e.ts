import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, launchBrowser, newPage, seriousViolations, shot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// "Firm" matches no column (mapped by hand), "类型" is the Chinese label of kind, "Colour" is ignored;
// the record on lines 3–4 holds a quoted line break, so the bad kind is on line 5.
const FILE = [
  'id,Firm,类型,country,description,Colour',
  'e2e-one,E2E One,builder,US,"=HYPERLINK(""x"")",blue',
  'e2e-two,E2E Two,investor,CN,"two',
  'lines",green',
  'e2e-bad,E2E Bad,wizard,US,,red',
  '',
].join('\r\n');

describe('import page', () => {
  it('maps columns, dry-runs, commits and undoes a file', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/import?collection=companies');
      await page.getByTestId('import-file').setInputFiles({ name: 'e2e-companies.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
      const mapping = page.getByTestId('mapping-table');
      await expect.poll(() => mapping.locator('tbody tr').count()).toBe(6);
      expect(await mapping.locator('[data-header="类型"] select').inputValue()).toBe('kind');
      expect(await mapping.locator('[data-header="Firm"] select').inputValue()).toBe('');
      await mapping.locator('[data-header="Firm"] select').selectOption('name');
      expect(await mapping.locator('[data-header="Colour"] select').inputValue()).toBe('');

      await page.getByTestId('import-dry-run').click();
      const result = page.locator('[data-testid=import-result][data-dry-run="1"]');
      await result.waitFor();
      expect(await result.getByTestId('count-inserted').locator('.tile-value').textContent()).toBe('2');
      expect(await result.getByTestId('count-rejected').locator('.tile-value').textContent()).toBe('1');
      expect(await page.getByTestId('rejections').locator('tbody tr td').first().textContent()).toBe('5');
      expect((await page.request.get('/api/v1/companies/e2e-one')).status()).toBe(404);
      await shot(page, 'csv-import-dry-run');

      await page.getByTestId('import-on-error').selectOption('skip');
      await page.getByTestId('import-commit').click();
      await page.locator('[data-testid=import-result][data-dry-run="0"]').waitFor();
      const row = await (await page.request.get('/api/v1/companies/e2e-two')).json();
      expect(row).toMatchObject({ name: 'E2E Two', kind: 'investor', description: 'two\r\nlines', region: 'china' });
      expect((await (await page.request.get('/api/v1/companies/e2e-one')).json()).description).toBe('=HYPERLINK("x")');

      const history = page.getByTestId('import-history');
      await expect.poll(() => history.locator('tbody tr').first().textContent()).toContain('e2e-companies.csv');
      const violations = await axeCheck(page);
      expect(seriousViolations(violations)).toEqual([]);
      await shot(page, 'csv-import-committed');

      await history.locator('tbody tr').first().getByRole('button').click();
      await page.getByTestId('undo-notice').waitFor();
      expect((await page.request.get('/api/v1/companies/e2e-two')).status()).toBe(404);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('export', () => {
  it('downloads the filtered view as CSV, every page, Excel-ready', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/investments?round_type=seed&pageSize=1');
      const download = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]).then(([d]) => d);
      expect(download.suggestedFilename()).toMatch(/^investments-\d{4}-\d{2}-\d{2}\.csv$/);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text).toContain('\r\n');
      const [header, ...rows] = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data;
      const total = (await (await page.request.get('/api/v1/investments?round_type=seed&pageSize=1')).json()).total as number;
      expect(total).toBeGreaterThan(1);
      expect(rows).toHaveLength(total);
      const round = header.indexOf('round_type');
      expect(round).toBeGreaterThanOrEqual(0);
      expect(new Set(rows.map((r) => r[round]))).toEqual(new Set(['seed']));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
