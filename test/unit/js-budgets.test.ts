// The JavaScript budget check (scripts/js-budgets.ts): routes read from the build's manifest as `next build`
// names them, sizes printed as it prints them, and a budget for every page of app/ (a new page without one,
// or a budget for a page that no longer exists, fails here before it reaches the build).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGETS_KB, checkBudgets, formatKb, pageFiles, routeOf } from '../../scripts/js-budgets/budgets';

const APP = path.resolve(__dirname, '../../app');

function pageRoutes(dir: string, route: string[] = []): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name.startsWith('_') ? [] : pageRoutes(path.join(dir, e.name), [...route, e.name]);
    return e.name === 'page.tsx' ? [routeOf(`/${[...route, 'page'].join('/')}`) ?? ''] : [];
  });
}

describe('routeOf', () => {
  it('names a page as next build does and skips route handlers', () => {
    expect(routeOf('/page')).toBe('/');
    expect(routeOf('/[collection]/page')).toBe('/[collection]');
    expect(routeOf('/s/[token]/view/page')).toBe('/s/[token]/view');
    expect(routeOf('/_not-found/page')).toBe('/_not-found');
    expect(routeOf('/(marketing)/about/@modal/page')).toBe('/about');
    expect(routeOf('/api/health/route')).toBeNull();
    expect(routeOf('/s/[token]/route')).toBeNull();
  });
});

describe('pageFiles', () => {
  it('keeps each page’s .js files once, without CSS or route handlers', () => {
    const pages = pageFiles({
      '/page': ['static/chunks/webpack.js', 'static/chunks/main-app.js', 'static/css/app.css', 'static/chunks/app/page.js', 'static/chunks/webpack.js'],
      '/api/health/route': ['static/chunks/webpack.js'],
    });
    expect([...pages.keys()]).toEqual(['/']);
    expect(pages.get('/')).toEqual(['static/chunks/webpack.js', 'static/chunks/main-app.js', 'static/chunks/app/page.js']);
  });
});

describe('checkBudgets', () => {
  it('flags a page over its budget and a page without one', () => {
    const results = checkBudgets(
      new Map([
        ['/', 200_000],
        ['/concentration', 220_001],
        ['/new-page', 1],
      ]),
      { '/': 200, '/concentration': 220 },
    );
    expect(results).toEqual([
      { route: '/', bytes: 200_000, budgetKb: 200, over: false },
      { route: '/concentration', bytes: 220_001, budgetKb: 220, over: true },
      { route: '/new-page', bytes: 1, budgetKb: null, over: true },
    ]);
  });

  it('has the budgets of issue 15', () => {
    expect(BUDGETS_KB['/']).toBe(200);
    expect(BUDGETS_KB['/concentration']).toBe(220);
    expect(BUDGETS_KB['/[collection]']).toBe(170);
    expect(BUDGETS_KB['/s/[token]/view']).toBe(220);
  });

  it('gives every page of app/ a budget, and no budget to a page that does not exist', () => {
    const routes = [...pageRoutes(APP), '/_not-found'].sort();
    expect(Object.keys(BUDGETS_KB).sort()).toEqual(routes);
  });
});

describe('formatKb', () => {
  it('prints sizes as next build does (1 kB = 1,000 bytes, three significant digits)', () => {
    expect(formatKb(273_828)).toBe('274 kB');
    expect(formatKb(102_600)).toBe('103 kB');
    expect(formatKb(1_905)).toBe('1.91 kB');
    expect(formatKb(201)).toBe('201 B');
  });
});
