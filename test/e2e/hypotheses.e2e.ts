import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, hydrated, launchBrowser, newPage, seriousViolations, shot } from './support';

// Hypotheses with evidence and live indicators, scenario notes with assumptions, the compare view and
// versions — and hostile Markdown and titles that must not run. Against the seeded production build.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const RUN = Date.now().toString(36);
const CODE = `HE2E-${RUN}`;
let hypothesisId = '';
let scenarioId = '';

/** A JSON call from inside the page (same origin, as the app's own forms make them). */
async function api(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {} };
    },
    { method, url, body },
  );
}

describe('hypotheses, evidence and indicators', () => {
  it('creates a hypothesis with the generic form and lands on its page', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/hypotheses/new');
      await hydrated(page);
      await page.locator('[name="code"]').fill(CODE);
      await page.locator('[name="title"]').fill('Browser test: the base layer concentrates');
      await page.locator('[name="title_zh"]').fill('浏览器测试:底层集中');
      await page.locator('[name="statement_zh"]').fill('行业格局有望走向底层集中、垂类多点开花');
      await page.locator('[name="status"]').selectOption('open');
      await page.locator('[name="confidence"]').fill('40');
      await page.getByTestId('save-row').click();
      await page.waitForURL(/\/hypotheses\/hyp-[a-z0-9]+$/, { timeout: 20_000 });
      hypothesisId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      await expect.poll(() => page.getByTestId('detail-title').textContent()).toContain('Browser test: the base layer concentrates');
      expect(await page.locator('blockquote.original').textContent()).toContain('底层集中');
      expect(await page.getByTestId('indicator-panel').textContent()).toContain('No indicator yet');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('cites evidence from a company page, and adds a row and a URL from the hypothesis page', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/companies/anthropic');
      await hydrated(page);
      await page.getByTestId('cite-button').click();
      const form = page.getByTestId('cite-form');
      await expect.poll(() => form.locator('select').first().locator('option').count()).toBeGreaterThan(1);
      await form.getByLabel('Hypothesis').selectOption(hypothesisId);
      await form.getByLabel('Stance').selectOption('supports');
      await form.getByLabel('Note').fill('Anthropic raised large rounds in 2022–2023');
      await page.getByTestId('cite-submit').click();
      await expect.poll(() => page.getByTestId('cite-status').textContent()).toContain(`Cited as evidence in ${CODE}`);

      await page.goto(`/hypotheses/${hypothesisId}`);
      await hydrated(page);
      await expect.poll(() => page.getByTestId('evidence-supports').textContent()).toContain('Anthropic');
      const add = page.getByTestId('add-evidence');
      await add.getByLabel('Stance').selectOption('contradicts');
      await add.getByLabel('Table').selectOption('investments');
      await page.getByTestId('evidence-search').fill('Stability');
      await add.getByRole('button', { name: /Stability AI/ }).first().click();
      await expect.poll(() => page.getByTestId('evidence-picked').textContent()).toContain('Stability AI');
      await add.getByLabel('Note').fill('An open-source developer raised US$101M');
      await page.getByTestId('evidence-submit').click();
      await expect.poll(() => page.getByTestId('evidence-contradicts').textContent(), { timeout: 15_000 }).toContain('Stability AI');

      await add.getByLabel('Stance').selectOption('context');
      await add.getByLabel('an outside URL').check();
      await add.getByLabel('URL (http or https)').fill('https://example.com/report');
      await page.getByTestId('evidence-submit').click();
      await expect.poll(() => page.getByTestId('evidence-context').textContent(), { timeout: 15_000 }).toContain('example.com');
      expect(await page.getByTestId('evidence-counts').textContent()).toBe('Supports 1 · Contradicts 1 · Context 1');
      const outside = page.getByTestId('evidence-context').locator('a[href="https://example.com/report"]');
      expect(await outside.getAttribute('rel')).toBe('noopener noreferrer');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sets an indicator and shows its current value, threshold verdict and trend', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto(`/hypotheses/${hypothesisId}`);
      await hydrated(page);
      await page.getByTestId('indicator-edit').click();
      const form = page.getByTestId('indicator-form');
      await form.getByLabel('Basis').selectOption('funding');
      await form.getByLabel('Layer').selectOption('foundation');
      await form.getByLabel('From (year or date)').fill('2022');
      await form.getByLabel('Metric').selectOption('hhi');
      await form.getByLabel('Supports the claim when the value is').selectOption('above');
      await form.getByLabel('Threshold').fill('1800');
      await form.getByLabel('Label (English, optional)').fill('Foundation funding HHI above 1,800');
      await page.getByTestId('indicator-save').click();
      await expect.poll(() => page.getByTestId('indicator-value').textContent(), { timeout: 15_000 }).toMatch(/^\d{1,2},\d{3}$/);
      const evaluation = await api(page, 'GET', `/api/v1/hypotheses/${hypothesisId}/indicator`);
      const reading = evaluation.body.reading as { value: number; met: boolean };
      expect(await page.getByTestId('indicator-value').textContent()).toBe(Math.round(reading.value).toLocaleString('en-US'));
      expect(reading.met).toBe(true);
      expect(await page.getByTestId('indicator-verdict').textContent()).toContain('Yes');
      await page.getByTestId('indicator-trend').scrollIntoViewIfNeeded(); // a plot loads as it nears the viewport
      await expect.poll(() => page.getByTestId('indicator-trend').locator('svg.recharts-surface').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('scenario notes', () => {
  it('writes a scenario, sets its assumptions and sees its HHI', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/scenarios/new');
      await hydrated(page);
      await page.locator('[name="title"]').fill(`Browser test scenario ${RUN}`);
      await page.locator('[name="kind"]').selectOption('custom');
      await page.locator('[name="probability"]').fill('10');
      await page.locator('[name="horizon"]').fill('2025');
      await page.locator('[name="hypothesis_id"]').fill(hypothesisId);
      await page.locator('[name="body"]').fill('# First draft\n\nAnthropic takes the lead (an assumption).');
      await page.getByTestId('save-row').click();
      await page.waitForURL(/\/scenarios\/sc-[a-z0-9]+$/, { timeout: 20_000 });
      scenarioId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      await hydrated(page);
      expect(await page.getByTestId('markdown').locator('h1').textContent()).toBe('First draft');

      const form = page.getByTestId('assumptions-form');
      expect(await form.isVisible()).toBe(true);
      await form.getByLabel('Layer').selectOption('foundation');
      await form.getByLabel('From (year or date)').fill('2022');
      await page.getByTestId('change-company-0').fill('anthropic');
      await page.getByTestId('change-to-0').fill('60');
      await page.getByTestId('assumptions-save').click();
      await expect.poll(() => page.getByTestId('scenario-hhi').textContent(), { timeout: 15_000 }).toMatch(/^\d{1,2},\d{3}$/);

      // From the seed's foundation-layer rounds since 2022, summed per company (US$M; db/concentration.ts on a
      // freshly seeded database): Anthropic 133,980, and the others below — Mistral's and Aleph Alpha's euro rounds
      // of 2023 counted at that year's average rate (issue 20). Anthropic set to 60 %; the others share 40 % in proportion.
      const others = [156_600, 32_000, 3_000, 2_000, 2_000, 1_525, 1_500, 1_187.2785, 990, 987.6, 880, 870, 549.04, 505.1539, 500, 331, 101, 100];
      const rest = others.reduce((a, b) => a + b, 0);
      const hhi = 60 ** 2 + others.reduce((sum, v) => sum + ((40 * v) / rest) ** 2, 0);
      expect(await page.getByTestId('scenario-hhi').textContent()).toBe(Math.round(hhi).toLocaleString('en-US'));
      expect(await page.getByTestId('scenario-measures').locator('tr[data-measure="hhi"] td').first().textContent()).toBe('3,774');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('compares bull, base and bear side by side, with the expectation, all in the URL', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto('/scenarios/compare');
      await hydrated(page);
      for (const kind of ['bull', 'base', 'bear']) await page.locator(`input[name="ids"][value="sc-foundation-2025-${kind}"]`).check();
      await page.getByTestId('compare-submit').click();
      await expect.poll(() => new URL(page.url()).searchParams.getAll('ids')).toEqual(['sc-foundation-2025-bull', 'sc-foundation-2025-base', 'sc-foundation-2025-bear']);
      const headers = await page.getByTestId('compare-table').locator('thead th').allTextContents();
      expect(headers.map((h) => h.split(':')[0])).toEqual(['Measure', 'Today (measured)', 'Bull', 'Base', 'Bear', 'Expected (probability-weighted)']);
      const api = await page.evaluate(async () => (await fetch('/api/v1/scenarios/compare?ids=sc-foundation-2025-bull,sc-foundation-2025-base,sc-foundation-2025-bear')).json());
      expect(await page.getByTestId('expected-hhi').textContent()).toBe(Math.round(api.expectation.hhi).toLocaleString('en-US'));
      await page.getByTestId('compare-hhi').scrollIntoViewIfNeeded(); // a plot loads as it nears the viewport
      await expect.poll(() => page.getByTestId('compare-hhi').locator('svg.recharts-surface').count(), { timeout: 15_000 }).toBe(1);
      const url = page.url();
      await page.reload();
      expect(page.url()).toBe(url);
      expect(await page.getByTestId('expected-hhi').textContent()).toBe(Math.round(api.expectation.hhi).toLocaleString('en-US'));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps versions, shows a diff and restores an old version as a new one', async () => {
    const { page, context, errors } = await newPage(browser);
    try {
      await page.goto(`/scenarios/${scenarioId}/edit`);
      await hydrated(page);
      await page.locator('[name="body"]').fill('# Second draft\n\nAnthropic takes the lead (an assumption).\n\nA new paragraph.');
      await page.getByTestId('save-row').click();
      await page.waitForURL(new RegExp(`/scenarios/${scenarioId}$`), { timeout: 20_000 });
      await hydrated(page);
      await expect.poll(() => page.getByTestId('versions').locator('li').count()).toBe(3);
      await page.getByTestId('version-3').getByRole('link', { name: 'Compare with version 2' }).click();
      await expect.poll(() => page.getByTestId('body-diff').textContent()).toContain('− # First draft');
      expect(await page.getByTestId('body-diff').textContent()).toContain('+ # Second draft');
      await shot(page, 'hyp-versions-en-light');

      await page.getByTestId('restore-1').click();
      await expect.poll(() => page.getByTestId('versions').locator('li').count(), { timeout: 15_000 }).toBe(4);
      await expect.poll(() => page.getByTestId('markdown').locator('h1').textContent()).toBe('First draft');
      const scenario = await api(page, 'GET', `/api/v1/scenarios/${scenarioId}`);
      expect(scenario.body.body).toBe('# First draft\n\nAnthropic takes the lead (an assumption).');
      expect(scenario.body.assumptions).toBeNull(); // version 1 had none: the restore puts that back too
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

const HOSTILE_BODY = [
  '# Hostile note',
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  '<a href="javascript:window.__pwned = \'raw-a\'">raw link</a>',
  '<iframe src="javascript:window.__pwned = \'iframe\'"></iframe>',
  '[click me](javascript:window.__pwned=1)',
  '[upper](JAVASCRIPT:window.__pwned=2)',
  '[entity](&#106;avascript:window.__pwned=3)',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[vb](vbscript:msgbox(1))',
  '![pic](javascript:window.__pwned=4)',
  '[outside](https://example.com/report) and [inside](/concentration?layer=foundation)',
].join('\n\n');
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=\'title\'"><script>window.__pwned="title2"</script> "quoted" & 中文';

async function assertInert(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const dangerous = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('#main *')) {
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? '';
        if (/^on/i.test(attr)) found.push(`${el.tagName} ${attr}`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr) && /^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${el.tagName} ${attr}=${value}`);
      }
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
    }
    return found;
  });
  expect(dangerous).toEqual([]);
}

describe('hostile input does not execute', () => {
  it('renders hostile Markdown, titles and notes as text, drops unsafe links, marks outside links', async () => {
    const { page, context, errors } = await newPage(browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto('/scenarios');
      await hydrated(page);
      const hypothesis = await api(page, 'POST', '/api/v1/hypotheses', { code: `HX-${RUN}`, title: HOSTILE_TITLE, title_zh: HOSTILE_TITLE, status: 'open', statement: HOSTILE_BODY });
      expect(hypothesis.status).toBe(201);
      const hid = String(hypothesis.body.id);
      const evidence = await api(page, 'POST', '/api/v1/evidence', { hypothesis_id: hid, url: 'https://example.com/"onmouseover="x', stance: 'context', note: HOSTILE_TITLE });
      expect(evidence.status).toBe(201);
      expect((await api(page, 'POST', '/api/v1/evidence', { hypothesis_id: hid, url: 'javascript:alert(1)', stance: 'context' })).status).toBe(422);
      const label = { query: 'layer=foundation', metric: 'hhi', threshold: 1800, direction: 'above', label: { en: HOSTILE_TITLE, zh: HOSTILE_TITLE } };
      expect((await api(page, 'PATCH', `/api/v1/hypotheses/${hid}`, { indicator: label })).status).toBe(200);
      const scenario = await api(page, 'POST', '/api/v1/scenarios', { title: HOSTILE_TITLE, kind: 'bear', probability: 5, hypothesis_id: hid, body: HOSTILE_BODY, assumptions: { segment: 'layer=foundation', changes: [] } });
      expect(scenario.status).toBe(201);
      const sid = String(scenario.body.id);

      await page.goto(`/scenarios/${sid}`);
      await hydrated(page);
      expect(await page.getByTestId('detail-title').textContent()).toBe(HOSTILE_TITLE);
      const markdown = page.getByTestId('markdown');
      expect(await markdown.textContent()).toContain('<script>window.__pwned = "script"</script>');
      expect(await markdown.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://example.com/report', '/concentration?layer=foundation']);
      const outside = markdown.locator('a[href="https://example.com/report"]');
      expect(await outside.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await outside.getAttribute('target')).toBe('_blank');
      expect(await markdown.locator('img').count()).toBe(0);
      await markdown.getByText('click me').click();
      await assertInert(page, dialogs);
      await shot(page, 'hyp-hostile-en-light');

      for (const path of [`/hypotheses/${hid}`, `/scenarios/compare?hypothesis=${hid}`, '/scenarios', `/evidence/${String(evidence.body.id)}`, '/evidence']) {
        await page.goto(path);
        await hydrated(page);
        await page.mouse.move(400, 400);
        await assertInert(page, dialogs);
      }
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('screenshots (English and Chinese, light and dark) and accessibility', () => {
  const pages = [
    { name: 'hypothesis', path: '/hypotheses/h7', ready: 'indicator-panel' },
    { name: 'scenario', path: '/scenarios/sc-foundation-2025-base', ready: 'scenario-measures' },
    { name: 'compare', path: '/scenarios/compare?hypothesis=h7', ready: 'compare-table' },
  ];
  for (const target of pages) {
    for (const locale of ['en', 'zh'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        it(`${target.name} in ${locale} ${colorScheme}`, async () => {
          const { page, context, errors } = await newPage(browser, { locale, colorScheme });
          try {
            const response = await page.goto(target.path);
            expect(response?.status()).toBe(200);
            await page.getByTestId(target.ready).waitFor();
            await hydrated(page);
            await shot(page, `hyp-${target.name}-${locale}-${colorScheme}`);
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
