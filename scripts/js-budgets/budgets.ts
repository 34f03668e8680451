// Budgets for the JavaScript a browser loads on its first visit to each page ("First Load JS" of `next build`),
// and the pure logic of the check in scripts/js-budgets.ts (unit-tested in test/unit/js-budgets.test.ts).

/** Kilobytes as `next build` prints them: 1 kB = 1,000 bytes of gzip (level 9) output. */
export const KB = 1000;

/**
 * Budget of each page route, in kB. The first four are issue 15's. The others are each page's size when the
 * budgets were set (December 2026, Pages Router still present), plus at least 2 kB, rounded up to 5 kB: a page
 * may not grow unnoticed; raise its budget in the same change that makes it grow, and say why. A page missing
 * here fails the check until it gets one.
 *
 * December 2026, issue 17: every page that translates in the browser ships every catalog of lib/i18n, so the
 * boards catalog added about 3 kB to each; the pages that crossed their budget were raised to their new size plus
 * 2 kB, rounded up to 5 kB. (Before it, /[collection]/new, /[collection]/[id]/edit and /hypotheses/[id] were already
 * 1-4 kB over.)
 */
export const BUDGETS_KB: Readonly<Record<string, number>> = {
  '/': 200,
  '/concentration': 220,
  '/[collection]': 170,
  '/s/[token]/view': 220,
  '/_not-found': 105,
  // Issue 20 and 17 add strings to the one catalog every translated client component loads (market map, network,
  // milestones, currencies, boards: about 1 kB each); the forms also carry the new collections' registry entries.
  '/[collection]/[id]': 175,
  '/[collection]/[id]/edit': 180,
  '/[collection]/new': 180,
  '/account/tokens': 130,
  '/admin/users': 135,
  '/changes': 135,
  '/forbidden': 110,
  '/hypotheses/[id]': 190, // 180 until boards: the Pin to board button, the boards registry's tile schemas, the catalog
  '/hypotheses/new': 180,
  '/import': 185, // issue 20: the analysis views' and the milestones' strings, as above
  '/scenarios/[id]': 175,
  '/scenarios/compare': 140,
  '/scenarios/new': 180,
  '/setup': 130,
  '/shares': 130,
  '/sign-in': 135,
  '/sources': 110,
  // Issue 20's analysis views: their drawings are computed on the server and need no script of their own.
  '/market-map': 200,
  '/network': 200,
  // Issue 20: the timeline is drawn on the server (SVG); 131 kB when added, the shared chunks and the catalog.
  '/timeline': 135,
  // Issue 17: the board page with its layout editor (the charts' plots load on demand, as everywhere).
  '/boards/[id]': 220,
  '/boards/[id]/edit': 180,
  '/boards/new': 180,
  // Issue 18: follows, what's new and alert rules (server-drawn; small buttons and the rule editor in the browser).
  '/following': 110,
  '/whats-new': 110,
  '/account/feeds': 110,
  '/alerts/[id]': 135,
  '/alerts/[id]/edit': 115,
  '/alerts/new': 115,
  // Issue 18: an alert rule's delivery log, drawn on the server; its one script is the Test delivery button.
  '/alerts/[id]/deliveries': 110,
};

/**
 * A class name that recharts' own code writes (its grid), found in no other chunk: a first-load file holding it
 * means a page loads the charting library up front instead of when a chart nears the viewport (LazyPlot.tsx).
 */
export const CHART_LIBRARY_MARKER = 'recharts-cartesian-grid';

/**
 * The route of an app-build-manifest key, as `next build` names it: `/[collection]/page` → `/[collection]`,
 * `/page` → `/`; null for route handlers (`…/route`), which send no JavaScript to the browser.
 */
export function routeOf(manifestKey: string): string | null {
  const segments = manifestKey.split('/').filter(Boolean);
  if (segments.pop() !== 'page') return null;
  // Route groups `(name)` and parallel-route slots `@name` are not part of the URL.
  const kept = segments.filter((s) => !(s.startsWith('(') && s.endsWith(')')) && !s.startsWith('@'));
  return `/${kept.join('/')}`;
}

/** The JavaScript files of each page route: the first-load files of an app-build-manifest's `pages`. */
export function pageFiles(manifestPages: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const pages = new Map<string, string[]>();
  for (const [key, files] of Object.entries(manifestPages)) {
    const route = routeOf(key);
    if (route === null) continue;
    const js = files.filter((f) => f.endsWith('.js'));
    pages.set(route, [...new Set([...(pages.get(route) ?? []), ...js])]);
  }
  return pages;
}

export interface PageSize {
  route: string;
  bytes: number;
  budgetKb: number | null;
  over: boolean;
}

/** Each page's total against its budget; a page without a budget counts as over (so it must be given one). */
export function checkBudgets(sizes: ReadonlyMap<string, number>, budgets: Readonly<Record<string, number>> = BUDGETS_KB): PageSize[] {
  return [...sizes.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, bytes]) => {
      const budgetKb = budgets[route] ?? null;
      return { route, bytes, budgetKb, over: budgetKb === null || bytes > budgetKb * KB };
    });
}

/** `next build`'s rendering of a size: three significant digits, `274 kB`. */
export function formatKb(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  return `${Number((bytes / KB).toPrecision(3))} kB`;
}
