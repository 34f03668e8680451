import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hydrated, launchBrowser, newPage, shot } from './support';

// Screenshots of the import page at each step (file chosen with its preview and mapping, dry run with a
// rejected row, committed, history after undo) in English and Chinese, light and dark, for a person to
// look at: screenshots/csv-<step>-<locale>-<scheme>.png. Each variant imports its own rows and undoes them.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const file = (tag: string) =>
  [
    'id,Firm,类型,country,description,Colour',
    `shot-${tag}-one,Shot One,builder,US,"=HYPERLINK(""x"")",blue`,
    `shot-${tag}-two,深度求索 ${tag},investor,CN,"two`,
    'lines",green',
    `shot-${tag}-bad,Shot Bad,wizard,US,,red`,
    '',
  ].join('\r\n');

describe('import page screenshots', () => {
  for (const locale of ['en', 'zh'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${locale} ${colorScheme}: upload, mapping, dry run, commit, history`, async () => {
        const { page, context, errors } = await newPage(browser, { locale, colorScheme });
        const name = (step: string) => `csv-${step}-${locale}-${colorScheme}`;
        const tag = `${locale}-${colorScheme}`;
        try {
          await page.goto('/import?collection=companies');
          await hydrated(page);
          await shot(page, name('1-empty'));
          await page.getByTestId('import-file').setInputFiles({ name: `shots-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(file(tag)) });
          const mapping = page.getByTestId('mapping-table');
          await expect.poll(() => mapping.locator('tbody tr').count()).toBe(6);
          await mapping.locator('[data-header="Firm"] select').selectOption('name');
          await shot(page, name('2-mapping'));

          await page.getByTestId('import-dry-run').click();
          await page.locator('[data-testid=import-result][data-dry-run="1"]').waitFor();
          await shot(page, name('3-dry-run'));

          await page.getByTestId('import-on-error').selectOption('skip');
          await page.getByTestId('import-commit').click();
          await page.locator('[data-testid=import-result][data-dry-run="0"]').waitFor();
          const history = page.getByTestId('import-history');
          await expect.poll(() => history.locator('tbody tr').first().textContent()).toContain(`shots-${tag}.csv`);
          await shot(page, name('4-committed'));

          await history.locator('tbody tr').first().getByRole('button').click();
          await page.getByTestId('undo-notice').waitFor();
          await shot(page, name('5-history'));
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
