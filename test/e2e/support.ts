import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { LOCALE_COOKIE } from '../../lib/i18n';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'screenshots');

/** The base URL of the server global-setup started (no trailing slash). */
export const baseURL = (): string => inject('baseURL');

/** Debian's Chromium, headless; the extra flags keep it off the (closed) network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface AtlasPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors seen so far; a test asserts it is empty. */
  errors: string[];
}

/** A new page in its own context, with the UI language chosen by the `atlas_lang` cookie. */
export async function newPage(browser: Browser, options: { locale?: 'en' | 'zh'; colorScheme?: 'light' | 'dark'; javaScriptEnabled?: boolean; baseURL?: string } = {}): Promise<AtlasPage> {
  const locale = options.locale ?? 'en';
  const base = options.baseURL ?? baseURL();
  const context = await browser.newContext({
    locale: locale === 'zh' ? 'zh-CN' : 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    baseURL: base,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: base }]);
  const page = await context.newPage();
  const errors: string[] = [];
  const add = (text: string) => {
    if (!errors.includes(text)) errors.push(text);
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A failed fetch names its URL only in the location; drop Next's `?_rsc=` cache-buster so repeats collapse.
    const where = message.location().url.replace(/[?&]_rsc=[^&]*$/, '');
    add(`console: ${message.text()}${where ? ` (${where.replace(base, '')})` : ''}`);
  });
  page.on('pageerror', (error) => add(`pageerror: ${error.message} (at ${page.url().replace(base, '')})`));
  return { page, context, errors };
}

/**
 * Wait until React has hydrated the page (the layout's language switch carries React's fiber) and the
 * network has settled (Next prefetches the visible links after hydration). Interact only after this:
 * a click replayed by React during hydration can race the hydration itself.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="lang-en"]');
    return !!el && Object.keys(el).some((key) => key.startsWith('__reactFiber'));
  });
  await page.waitForLoadState('networkidle');
}

/**
 * Charts load their plot as they come near the viewport (app/_components/chart/LazyPlot.tsx): scroll each into
 * view in turn, wait until none still shows its placeholder, and go back to the top.
 */
export async function loadAllCharts(page: Page): Promise<void> {
  const count = await page.locator('.chart-plot').count();
  if (!count) return;
  await page.evaluate(async () => {
    for (const plot of document.querySelectorAll('.chart-plot')) {
      plot.scrollIntoView({ block: 'center' });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  });
  await page.waitForFunction(() => !document.querySelector('.chart-plot .chart-placeholder'), undefined, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Save a full-page PNG to screenshots/<name>.png (git-ignored) for a person to look at, every chart drawn. */
export async function shot(page: Page, name: string): Promise<string> {
  await loadAllCharts(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

const axeSource = () => fs.readFileSync(require.resolve('axe-core'), 'utf8');

/** Run axe-core on the page as it is now; returns every violation (filter by impact in the test). */
export async function axeCheck(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Injected as the page's own scripts are, with its CSP nonce: the test runs under the real policy.
  if (!loaded) {
    await page.evaluate((source) => {
      const script = document.createElement('script');
      script.nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
      script.textContent = source;
      document.head.append(script);
    }, axeSource());
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
}

/** Serious and critical violations, one readable line each (for an assertion message). */
export function seriousViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.html).slice(0, 3).join(' | ')}`);
}
