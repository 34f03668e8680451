// Security headers in a real browser: every page runs under its Content-Security-Policy without a single
// violation (English and Chinese), pages refuse to be framed by another origin while share pages accept the
// origins of ATLAS_EMBED_ORIGINS, and a share page sends no Referer to the sites it links to.
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COLLECTIONS } from '../../lib/collections';
import { apiRouteFiles } from '../support/routes';
import { baseURL, hydrated, launchBrowser, newPage } from './support';

let browser: Browser;
let other: http.Server;
/** What the other origin's server was asked: path → Referer header ('' when none). */
const referers = new Map<string, string>();
let shareToken = '';
let hypothesisId = '';

const embedOrigin = () => inject('embedOrigin');

beforeAll(async () => {
  browser = await launchBrowser();
  // Another origin: it frames app pages and is the target of outbound links.
  other = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', embedOrigin());
    if (url.pathname.startsWith('/landing')) referers.set(url.pathname, request.headers.referer ?? '');
    const framed = url.searchParams.get('frame');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(framed ? `<!doctype html><title>frame</title><iframe id="f" src="${baseURL()}${framed}" width="800" height="600"></iframe>` : '<!doctype html><title>landing</title><p>landing</p>');
  });
  await new Promise<void>((resolve) => other.listen(Number(new URL(embedOrigin()).port), '127.0.0.1', resolve));
  const share = await fetch(`${baseURL()}/api/v1/shares`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL() },
    body: JSON.stringify({ path: '/companies?layer=foundation', title: 'Security test', mode: 'live' }),
  });
  expect(share.status).toBe(201);
  shareToken = ((await share.json()) as { token: string }).token;
  hypothesisId = ((await (await fetch(`${baseURL()}/api/v1/hypotheses?pageSize=1`)).json()) as { rows: { id: string }[] }).rows[0].id;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => other?.close(resolve));
});

const pages = () => [
  '/',
  ...COLLECTIONS.map((c) => `/${c.id}`),
  '/companies/openai',
  '/investments/new',
  `/hypotheses/${hypothesisId}`,
  '/concentration',
  '/changes',
  '/shares',
  '/import',
  `/s/${shareToken}`,
];

/** Record CSP violations in the page itself, before any of its scripts run. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

describe('security headers', () => {
  it('every API route and page answers with them; each page load gets a fresh nonce', async () => {
    const missing: string[] = [];
    const expectHeaders = (what: string, response: Response, csp: RegExp) => {
      const h = response.headers;
      if (h.get('x-content-type-options') !== 'nosniff') missing.push(`${what}: nosniff`);
      if (h.get('cross-origin-opener-policy') !== 'same-origin') missing.push(`${what}: COOP`);
      if (!h.get('permissions-policy')?.includes('camera=()')) missing.push(`${what}: Permissions-Policy`);
      if (!csp.test(h.get('content-security-policy') ?? '')) missing.push(`${what}: CSP ${h.get('content-security-policy')}`);
      if (!h.get('referrer-policy')) missing.push(`${what}: Referrer-Policy`);
    };
    for (const route of apiRouteFiles()) {
      const url = route.pattern.replace(/\{(\w+)\}/g, (_, p: string) => (p === 'collection' ? 'companies' : 'x'));
      const response = await fetch(`${baseURL()}${url}`);
      await response.arrayBuffer();
      expectHeaders(`GET ${url} (${response.status})`, response, /^default-src 'none'; frame-ancestors 'none'/);
    }
    const nonces = new Set<string>();
    for (const path of pages()) {
      const response = await fetch(`${baseURL()}${path}`);
      const html = await response.text();
      expectHeaders(`page ${path}`, response, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'.*object-src 'none'; base-uri 'none'/);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1] ?? '';
      nonces.add(nonce);
      // Every script of the page carries the nonce (Next.js reads it from the request's CSP).
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      const without = scripts.filter((s) => !s.includes(`nonce="${nonce}"`));
      if (without.length) missing.push(`page ${path}: ${without.length} of ${scripts.length} scripts without the nonce, e.g. ${without[0]}`);
    }
    expect(missing).toEqual([]);
    expect(nonces.size).toBe(pages().length);
    const share = await fetch(`${baseURL()}/s/${shareToken}`);
    expect(share.headers.get('referrer-policy')).toBe('no-referrer');
    expect(share.headers.get('content-security-policy')).toContain(`frame-ancestors ${embedOrigin()}`);
    expect((await fetch(`${baseURL()}/companies`)).headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  for (const locale of ['en', 'zh'] as const) {
    it(`no page breaks its Content-Security-Policy (${locale})`, async () => {
      const { page, context, errors } = await newPage(browser, { locale });
      await watchViolations(page);
      const violations: string[] = [];
      // The standalone page of an unknown share link (no React on it) is checked too.
      for (const path of [...pages(), '/s/not-a-share-link']) {
        await page.goto(path);
        await page.waitForLoadState('load');
        // Hydrated: every script of the page has run (no need to wait for the network to fall quiet).
        if (!path.startsWith('/s/not-')) await page.waitForFunction(() => Object.keys(document.querySelector('[data-testid="lang-en"]') ?? {}).some((k) => k.startsWith('__reactFiber')));
        for (const v of await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)) violations.push(`${path}: ${v}`);
      }
      await context.close();
      expect(violations).toEqual([]);
      // The unknown link answers 404 on purpose; Chromium logs that status, nothing else may be logged.
      expect(errors.filter((e) => !e.endsWith('404 (Not Found) (/s/not-a-share-link)'))).toEqual([]);
    });
  }

  it('pages refuse to be framed by another origin; share pages accept the embed origin', async () => {
    const { page, context } = await newPage(browser);
    const framedText = async (path: string) => {
      await page.goto(`${embedOrigin()}/?frame=${encodeURIComponent(path)}`);
      await page.waitForLoadState('load');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      return frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    };
    expect(await framedText('/companies')).not.toContain('OpenAI');
    expect(await framedText(`/s/${shareToken}`)).toContain('OpenAI');
    await context.close();
  });

  it('a link on a share page sends no Referer; other pages send only the origin', async () => {
    // Each in its own browser context: a share link's visitor is sent back to the shared view from other pages.
    const follow = async (path: string, landing: string) => {
      const { page, context } = await newPage(browser);
      await page.goto(path);
      await hydrated(page);
      // A plain link, as a Markdown note or a source cell could hold (no rel attribute of its own).
      await page.evaluate((href) => {
        const a = document.createElement('a');
        a.href = href;
        a.textContent = 'out';
        a.id = 'out-link';
        document.body.append(a);
      }, `${embedOrigin()}${landing}`);
      await Promise.all([page.waitForURL(`${embedOrigin()}${landing}`), page.click('#out-link')]);
      await context.close();
    };
    await follow(`/s/${shareToken}`, '/landing-share');
    await follow('/companies', '/landing-page');
    expect(referers.get('/landing-share')).toBe('');
    expect(referers.get('/landing-page')).toBe(`${baseURL()}/`);
  });
});
