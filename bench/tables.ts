// Tables benchmark: the list and facet endpoints of the app (npm start's server, production build) against a bare
// node:http server that runs the very SQL the app runs for the same URL, with raw better-sqlite3 on the same
// SQLite file, and answers JSON. Requests alternate between the two servers (app, bare, app, bare…) so that
// both see the same machine load. Run alone: npx tsx bench/tables.ts [rounds] [companies]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAtlas, type Atlas } from '../db/connection';
import { facetColumnsOf, labelledFacets } from '../db/facets';
import { listRows } from '../db/rows';
import { hasUsers } from '../db/users';
import { getCollection } from '../lib/collections';
import { parseQuery } from '../lib/query/parse';
import { ensureBuild, startApp } from './app-server';
import { ensureDataset } from './dataset';
import { ms, SAME_BYTES, start, stats, stop, timeFetch, waitFor } from './measure';
import { recordTarget } from './targets';

type Statement = { sql: string; parameters: unknown[] };

/** Target: the framework's overhead, app p50 − bare p50, is at most 3 ms on every list endpoint. */
const LIST_OVERHEAD_MS = 3;
/** Target: app p95 ≤ 150 ms on every facet endpoint. */
const FACET_P95_MS = 150;
/** Target: showing money in another currency (`currency=CNY`) adds at most 10% to the same list request in US dollars. */
const CURRENCY_OVERHEAD = 0.1;
/** List URLs in US dollars and the same in CNY (issue 20): the conversion's cost is the difference. */
const CURRENCY_PAIRS: [string, string][] = [
  ['investments', 'investments?currency=CNY'],
  ['investments?sort=amount_usd&order=desc', 'investments?sort=amount_usd&order=desc&currency=CNY'],
];

const LIST = [
  'investments',
  'investments?sort=amount_usd&order=desc',
  'investments?round_type=seed&announced_on__gte=2020-01-01',
  'investments?investor=openai',
  'investments?page=2000',
  'companies?layer=foundation&sort=founded_year&order=desc',
  'companies?q=Company%2012345',
];
// What the filter bar asks for when a facet is opened (one facet per request), unfiltered and filtered,
// plus two requests of several facets at once.
export const FACETS = [
  'investments/facets?facet=round_type',
  'investments/facets?facet=confidence',
  'investments/facets?facet=company_id',
  'investments/facets?facet=investor',
  'investments/facets?facet=year',
  'investments/facets?facet=round_type&facet=confidence&announced_on__gte=2022-01-01',
  'investments/facets?facet=company_id&announced_on__gte=2024-01-01',
  'investments/facets?facet=year&round_type=seed',
  'investments/facets?facet=confidence&investor=openai',
  'investments/facets?facet=investor&investor=openai&round_type=series_a',
  'companies/facets?facet=layer&facet=kind&facet=region',
  'companies/facets?facet=country',
];

/**
 * Run, in this process, the statements the app's route handler runs for a URL (local mode: the users check
 * of authorize(), then the list or facet functions with the same parsed query) and record their SQL.
 */
async function capture(file: string, url: string): Promise<Statement[]> {
  const statements: Statement[] = [];
  const atlas: Atlas = openAtlas(file, {
    log: (e) => {
      if (e.level === 'query') statements.push({ sql: e.query.sql, parameters: [...e.query.parameters] });
    },
  });
  const [pathPart, query = ''] = url.split('?');
  const [collectionId, facets] = pathPart.split('/');
  const collection = getCollection(collectionId);
  const params = new URLSearchParams(query);
  await hasUsers(atlas.db);
  if (facets) {
    const spec = parseQuery(collection, params, { extra: ['facet'] });
    const requested = params.getAll('facet');
    await labelledFacets(atlas, spec, [...new Set(requested.length ? requested : facetColumnsOf(collection))]);
  } else {
    await listRows(atlas, parseQuery(collection, params));
  }
  await atlas.db.destroy();
  return statements;
}

/** Time the app and the bare server alternately on one URL, after a warm-up of each. */
async function pair(appUrl: string, bareUrl: string, runs: number, warmup = 5) {
  for (let i = 0; i < warmup; i++) {
    await timeFetch(appUrl);
    await timeFetch(bareUrl);
  }
  const app: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    app.push(await timeFetch(appUrl));
    bare.push(await timeFetch(bareUrl));
  }
  const bytes = async (u: string) => (await (await fetch(u, SAME_BYTES)).arrayBuffer()).byteLength;
  return { app: stats(app), bare: stats(bare), appBytes: await bytes(appUrl), bareBytes: await bytes(bareUrl) };
}

const load = () => os.loadavg().map((v) => v.toFixed(2)).join(', ');
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`.padStart(9);

export async function benchTables(options: { rounds: number; companies: number; runs?: number }): Promise<string[]> {
  const file = path.resolve('bench/out/tables.db');
  const t0 = performance.now();
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 40);
  const lines = [
    `tables: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies (dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s); ${runs} requests per server and URL after 5 warm-up requests, app and bare alternating`,
    `app: npm start's server (scripts/serve.mjs, production build), every request through the route handler (authorisation, parsing, Kysely); bare: node:http + better-sqlite3 running the same statements (captured from Kysely's log) on the same file, JSON of the raw rows`,
    `load average at start: ${load()} (${os.cpus().length} CPUs)`,
  ];

  const scenarios: Record<string, Statement[]> = {};
  for (const url of [...LIST, ...CURRENCY_PAIRS.map(([, cny]) => cny), ...FACETS]) scenarios[url] = await capture(file, url);
  const scenarioFile = path.resolve('bench/out/scenarios.json');
  fs.writeFileSync(scenarioFile, JSON.stringify(scenarios));

  ensureBuild();
  const app = await startApp(file, 3290);
  const bare = start('npx', ['tsx', 'bench/bare-server.ts', file, '3291', scenarioFile], {});
  const verdicts: string[] = [];
  try {
    await waitFor(`http://127.0.0.1:3291/${encodeURIComponent(LIST[0])}`);
    const head = (label: string, last: string) =>
      `${label.padEnd(84)} ${'app p50'.padStart(10)} ${'app p95'.padStart(10)} ${'bare p50'.padStart(10)} ${'bare p95'.padStart(10)} ${'p50 ×'.padStart(6)} ${'p95 ×'.padStart(6)} ${'p50 +'.padStart(10)} ${'app body'.padStart(9)} ${'bare body'.padStart(9)}  ${last}`;
    const row = (url: string, r: Awaited<ReturnType<typeof pair>>, verdict: string) =>
      `GET /api/v1/${url}`.padEnd(84) +
      ` ${ms(r.app.p50)} ${ms(r.app.p95)} ${ms(r.bare.p50)} ${ms(r.bare.p95)} ${(r.app.p50 / r.bare.p50).toFixed(2).padStart(6)} ${(r.app.p95 / r.bare.p95).toFixed(2).padStart(6)} ${ms(r.app.p50 - r.bare.p50)} ${kb(r.appBytes)} ${kb(r.bareBytes)}  ${verdict}`;

    // Context for the ratios: the framework's floor, an app request that does next to nothing (health: one
    // `select 1` and the users check) against a bare handler that does nothing.
    const floor = await pair('http://127.0.0.1:3290/api/health', 'http://127.0.0.1:3291/health', runs);
    lines.push('', head('floor (no table query)', 'context, no target'));
    lines.push(`GET /api/health (bare: an empty handler)`.padEnd(84) + ` ${ms(floor.app.p50)} ${ms(floor.app.p95)} ${ms(floor.bare.p50)} ${ms(floor.bare.p95)}`);

    lines.push('', head('list endpoints', `target: app p50 − bare p50 ≤ ${LIST_OVERHEAD_MS} ms (the framework's overhead)`));
    let listFails = 0;
    let maxOverhead = -Infinity;
    for (const url of LIST) {
      const r = await pair(`http://127.0.0.1:3290/api/v1/${url}`, `http://127.0.0.1:3291/${encodeURIComponent(url)}`, runs);
      const ok = r.app.p50 - r.bare.p50 <= LIST_OVERHEAD_MS;
      if (!ok) listFails++;
      maxOverhead = Math.max(maxOverhead, r.app.p50 - r.bare.p50);
      lines.push(row(url, r, ok ? 'PASS' : 'FAIL'));
    }
    verdicts.push(`list overhead ≤ ${LIST_OVERHEAD_MS} ms (p50):`.padEnd(40) + (listFails ? `FAIL (${listFails} of ${LIST.length} endpoints over)` : `PASS (all ${LIST.length} endpoints)`));
    recordTarget({ issue: '15', target: `list overhead, app p50 − bare p50, ${LIST.length} endpoints (HTTP)`, database: 'sqlite', measured: `${maxOverhead.toFixed(1)} ms worst`, limit: `≤ ${LIST_OVERHEAD_MS} ms`, pass: listFails === 0, baseline: 'bare node:http, same SQL' });

    // Money in CNY: each list in US dollars and in CNY, app against app (alternating), and the CNY request against
    // the bare server running the same statements (the rates query and the sort by the converted amount included).
    lines.push('', `currency conversion: the same list in US dollars and in CNY (app p50/p95), and CNY against bare; target: CNY p50 ≤ USD p50 × ${1 + CURRENCY_OVERHEAD}`);
    let currencyFails = 0;
    let maxCurrency = -Infinity;
    for (const [usd, cny] of CURRENCY_PAIRS) {
      const both = await pair(`http://127.0.0.1:3290/api/v1/${usd}`, `http://127.0.0.1:3290/api/v1/${cny}`, runs);
      const ratio = both.bare.p50 / both.app.p50;
      const ok = ratio <= 1 + CURRENCY_OVERHEAD;
      if (!ok) currencyFails++;
      maxCurrency = Math.max(maxCurrency, ratio - 1);
      lines.push(`GET /api/v1/${cny}`.padEnd(84) + ` USD p50 ${ms(both.app.p50)} p95 ${ms(both.app.p95)}   CNY p50 ${ms(both.bare.p50)} p95 ${ms(both.bare.p95)}   +${((ratio - 1) * 100).toFixed(1)}%  ${ok ? 'PASS' : 'FAIL'}`);
      const r = await pair(`http://127.0.0.1:3290/api/v1/${cny}`, `http://127.0.0.1:3291/${encodeURIComponent(cny)}`, runs);
      lines.push(row(cny, r, 'context (CNY app against bare)'));
    }
    verdicts.push(`currency=CNY adds ≤ ${CURRENCY_OVERHEAD * 100}% (p50):`.padEnd(40) + (currencyFails ? `FAIL (${currencyFails} of ${CURRENCY_PAIRS.length} lists over)` : `PASS (all ${CURRENCY_PAIRS.length} lists)`));
    recordTarget({ issue: '20', target: `currency=CNY list p50 over the USD list, ${CURRENCY_PAIRS.length} lists (HTTP)`, database: 'sqlite', measured: `+${(maxCurrency * 100).toFixed(1)}% worst`, limit: `≤ +${CURRENCY_OVERHEAD * 100}%`, pass: currencyFails === 0, baseline: 'the same list in US dollars' });

    lines.push('', head('facet endpoints', `target: app p95 ≤ ${FACET_P95_MS} ms`));
    let facetFails = 0;
    let worstFacet = { p95: 0, bare: 0, url: '' };
    for (const url of FACETS) {
      const r = await pair(`http://127.0.0.1:3290/api/v1/${url}`, `http://127.0.0.1:3291/${encodeURIComponent(url)}`, runs);
      const ok = r.app.p95 <= FACET_P95_MS;
      if (!ok) facetFails++;
      if (r.app.p95 > worstFacet.p95) worstFacet = { p95: r.app.p95, bare: r.bare.p95, url };
      lines.push(row(url, r, ok ? 'PASS' : 'FAIL'));
    }
    verdicts.push(`facets p95 ≤ ${FACET_P95_MS} ms:`.padEnd(40) + (facetFails ? `FAIL (${facetFails} of ${FACETS.length} endpoints over)` : `PASS (all ${FACETS.length} endpoints)`));
    recordTarget({ issue: '16.6', target: `facets p95, ${FACETS.length} requests (HTTP, npm start)`, database: 'sqlite', measured: `${worstFacet.p95.toFixed(1)} ms worst`, limit: `≤ ${FACET_P95_MS} ms`, pass: facetFails === 0, baseline: `bare ${worstFacet.bare.toFixed(1)} ms (${worstFacet.url})` });

    // The table page: the server waits for one page of rows (and its total), never for facet counts, which
    // the filter bar fetches when a facet is opened. Its HTML must carry exactly one page of rows.
    const pageUrl = 'http://127.0.0.1:3290/investments';
    const html = await (await fetch(pageUrl)).text();
    const rowsInHtml = (html.match(/<tr[^>]*\bdata-row\b/g) ?? []).length;
    const facetCountsInHtml = html.includes('class="facet-n"');
    const page = stats(await samplePage(pageUrl, Math.max(10, Math.floor(runs / 2))));
    const pageOk = rowsInHtml === 50 && !facetCountsInHtml;
    lines.push(
      '',
      `page /investments (full HTML, server-rendered)`.padEnd(84) +
        ` ${ms(page.p50)} ${ms(page.p95)}   rows in the HTML: ${rowsInHtml} (one page = 50); facet counts in the HTML: ${facetCountsInHtml ? 'yes' : 'none'}  ${pageOk ? 'PASS' : 'FAIL'}`,
    );
    verdicts.push(`page waits on one page of rows only:`.padEnd(40) + (pageOk ? 'PASS' : 'FAIL'));
    recordTarget({ issue: '15', target: 'table page: one page of rows, no facet counts in its HTML', database: 'sqlite', measured: `${rowsInHtml} rows, facet counts ${facetCountsInHtml ? 'yes' : 'none'}`, limit: '50 rows, none', pass: pageOk });
  } finally {
    stop(app);
    stop(bare);
  }
  lines.push('', `load average at end: ${load()}`, ...verdicts);
  return lines;
}

async function samplePage(url: string, runs: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await timeFetch(url);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await timeFetch(url));
  return out;
}

if (process.argv[1]?.endsWith('tables.ts')) {
  const [rounds = '1000000', companies = '100000'] = process.argv.slice(2);
  benchTables({ rounds: Number(rounds), companies: Number(companies) })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
