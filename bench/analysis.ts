// Analysis benchmark (issue 20): the market map and the co-investment answers — parse the URL, run the queries
// through Kysely, build the answer and serialise it as the API does — against the very same SQL statements run raw
// with better-sqlite3 on the same file, side by side. Target: p95 ≤ 300 ms for every scenario. Then lists of
// rounds with and without `currency=CNY`, alternately (target: the conversion adds ≤ 10%).
// Run alone: npx tsx bench/analysis.ts [rounds] [companies] [runs]
import path from 'node:path';
import { coInvestments } from '../db/coinvestments';
import type { Atlas } from '../db/connection';
import { marketMap } from '../db/market-map';
import { listRows } from '../db/rows';
import { parseMarketMapQuery, parseNetworkQuery } from '../lib/analysis/params';
import { getCollection } from '../lib/collections';
import { parseQuery } from '../lib/query/parse';
import { companyId, ensureDataset } from './dataset';
import { ms, stats, timeRuns } from './measure';
import { openReplayer } from './replay';
import { machine, recordTarget } from './targets';


const TARGET_MS = 300;
const CURRENCY_OVERHEAD = 0.1;

/** Lists of rounds as the list route asks for them (a page of 50 with its total, names, participants), in US$ and in CNY. */
const LISTS = ['', 'sort=amount_usd&order=desc', 'round_type=seed&sort=announced_on&order=desc', 'sort=announced_on&order=asc&page=200'];

const SCENARIOS: { label: string; route: 'market-map' | 'coinvestments'; query: string }[] = [
  { label: 'market map, every company', route: 'market-map', query: '' },
  { label: 'market map, OpenAI portfolio', route: 'market-map', query: 'investor=openai' },
  { label: 'market map, application 2020–2023', route: 'market-map', query: 'layer=application&from=2020&to=2023' },
  { label: 'market map, China, top 10', route: 'market-map', query: 'region=china&top=10' },
  { label: 'co-investments, min 2 (default)', route: 'coinvestments', query: '' },
  { label: 'co-investments, min 1', route: 'coinvestments', query: 'min=1' },
  { label: 'co-investments, foundation 2020–2023', route: 'coinvestments', query: 'layer=foundation&from=2020&to=2023&min=1' },
  { label: 'co-investments, China', route: 'coinvestments', query: 'region=china&min=1' },
  { label: 'co-investments of one investor', route: 'coinvestments', query: `investor=${companyId(1)}&min=1` },
];

/** What the route handler does: parse, query, answer as JSON text. */
async function answer(atlas: Atlas, route: 'market-map' | 'coinvestments', query: string): Promise<string> {
  const params = new URLSearchParams(query);
  const body = route === 'market-map' ? await marketMap(atlas, parseMarketMapQuery(params)) : await coInvestments(atlas, parseNetworkQuery(params));
  return JSON.stringify(body);
}

export async function benchAnalysis(options: { rounds: number; companies: number; runs?: number }): Promise<string[]> {
  const file = path.resolve('bench/out/analysis.db');
  const t0 = performance.now();
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  const runs = options.runs ?? 20;
  const lines = [
    `analysis: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies (dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s); p50/p95 over ${runs} runs; target p95 ≤ ${TARGET_MS} ms`,
    `at start: ${machine()}`,
    `${'scenario'.padEnd(40)} ${'app p50'.padStart(10)} ${'app p95'.padStart(10)} ${'raw p50'.padStart(10)} ${'raw p95'.padStart(10)}  ratio(p50)  answer   target`,
  ];

  const replay = openReplayer(file);
  const { atlas } = replay;
  const worst = { 'market-map': 0, coinvestments: 0 };
  try {
    for (const scenario of SCENARIOS) {
      const { result: body, raw: statements } = await replay.record(() => answer(atlas, scenario.route, scenario.query));
      const rawRun = () => {
        for (const run of statements) run();
      };
      const appStats = stats(await timeRuns(() => answer(atlas, scenario.route, scenario.query), runs));
      const rawStats = stats(await timeRuns(rawRun, runs));
      const size = `${(body.length / 1024).toFixed(0)} kB`;
      worst[scenario.route] = Math.max(worst[scenario.route], appStats.p95);
      lines.push(
        `${scenario.label.padEnd(40)} ${ms(appStats.p50)} ${ms(appStats.p95)} ${ms(rawStats.p50)} ${ms(rawStats.p95)}  ${(appStats.p50 / rawStats.p50).toFixed(2).padStart(8)}×  ${size.padStart(7)}  ${appStats.p95 <= TARGET_MS ? 'PASS' : 'FAIL'}`,
      );
    }
    lines.push('app = parse the URL, run the queries through Kysely, build the answer and JSON.stringify it (the route handler without HTTP);');
    lines.push('raw = the same SQL statements (same bound values) through better-sqlite3 .all(), nothing built.');
    for (const route of ['market-map', 'coinvestments'] as const) {
      recordTarget({ issue: '20', target: `${route} p95, worst scenario`, database: 'sqlite', measured: `${worst[route].toFixed(1)} ms`, limit: `≤ ${TARGET_MS} ms`, pass: worst[route] <= TARGET_MS });
    }
    lines.push('', ...(await currencyOverhead(atlas, Math.max(500, runs * 25))));
    lines.push(`at end: ${machine()}`);
  } finally {
    await replay.close();
  }
  return lines;
}

/** Wall and CPU milliseconds of `runs` calls each of `a` and `b`, alternately, after warm-up calls of each. */
async function alternately(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number): Promise<{ wall: [number[], number[]]; cpu: [number[], number[]] }> {
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  for (let i = 0; i < 5; i++) await Promise.all([a(), b()]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const started = performance.now();
      const used = process.cpuUsage();
      await fn();
      const spent = process.cpuUsage(used);
      wall[k].push(performance.now() - started);
      cpu[k].push((spent.user + spent.system) / 1000);
    }
  }
  return { wall, cpu };
}

/**
 * A list request with and without `currency=CNY`, alternately: what the conversion adds (the rates read, each
 * page's money converted). Wall time and CPU time (SQLite runs in this process: the CPU time is the request's own
 * work, steadier than wall time on a shared machine); the target is judged on the medians.
 */
async function currencyOverhead(atlas: Atlas, runs: number): Promise<string[]> {
  const rounds = getCollection('investments');
  const lines = [
    `list of rounds, US$ and currency=CNY alternately, ${runs} runs each; target: CNY adds ≤ ${CURRENCY_OVERHEAD * 100}% (medians of wall and of CPU time)`,
    `${'list'.padEnd(52)} ${'US$ p50'.padStart(10)} ${'CNY p50'.padStart(10)} ${'US$ p95'.padStart(10)} ${'CNY p95'.padStart(10)} ${'US$ cpu'.padStart(10)} ${'CNY cpu'.padStart(10)}  added wall/cpu  target`,
  ];
  let worstAdded = -Infinity;
  for (const query of LISTS) {
    const answer = (currency: string) => async () => JSON.stringify(await listRows(atlas, parseQuery(rounds, new URLSearchParams([query, currency].filter(Boolean).join('&')))));
    const { wall, cpu } = await alternately(answer(''), answer('currency=CNY'), runs);
    const [u, c] = [stats(wall[0]), stats(wall[1])];
    const [uc, cc] = [stats(cpu[0]), stats(cpu[1])];
    const added = [(c.p50 - u.p50) / u.p50, (cc.p50 - uc.p50) / uc.p50];
    const pass = added.every((a) => a <= CURRENCY_OVERHEAD);
    worstAdded = Math.max(worstAdded, ...added);
    const pct = (a: number) => `${(a * 100).toFixed(1)}%`;
    lines.push(
      `${`investments?${query}`.padEnd(52)} ${ms(u.p50)} ${ms(c.p50)} ${ms(u.p95)} ${ms(c.p95)} ${ms(uc.p50)} ${ms(cc.p50)}  ${`${pct(added[0])}/${pct(added[1])}`.padStart(13)}  ${pass ? 'PASS' : 'FAIL'}`,
    );
  }
  recordTarget({ issue: '20', target: 'currency=CNY added to a list (median), worst', database: 'sqlite', measured: `${(worstAdded * 100).toFixed(1)}%`, limit: `≤ ${CURRENCY_OVERHEAD * 100}%`, pass: worstAdded <= CURRENCY_OVERHEAD });
  return lines;
}

if (process.argv[1]?.endsWith('analysis.ts')) {
  const [rounds = '1000000', companies = '100000', runs = '20'] = process.argv.slice(2);
  benchAnalysis({ rounds: Number(rounds), companies: Number(companies), runs: Number(runs) })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
