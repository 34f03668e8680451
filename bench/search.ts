// Search benchmark (issue 16, item 4): `q` through the app's list function (listRows, what the list route runs:
// one page with its total, names and participants) on SQLite and on PostgreSQL, beside the very same statements
// run raw by the driver, and beside the LIKE scan `q` was before migration 014 (the same semantics without the
// search indexes; on PostgreSQL with bitmap scans off, which GIN indexes need), also raw.
// Run alone: npx tsx bench/search.ts [rounds] [companies] [runs]
import os from 'node:os';
import path from 'node:path';
import { openAtlas, type Atlas } from '../db/connection';
import { listRows } from '../db/rows';
import { getCollection } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import { parseQuery } from '../lib/query/parse';
import { ensureDataset } from './dataset';
import { ms, stats, type Stats, timeRuns } from './measure';
import { BENCH_PG_URL, dropSharedPgCopies, sharedPgCopy } from './pg-copy';
import { pgDriver, postgresAnswers, sqliteDriver, type RawDriver, type Statement } from './raw-driver';
import { recordTarget } from './targets';

/** Targets of issue 16: p95 ≤ 30 ms for a term matching at most 1,000 rows, ≤ 100 ms for any term. */
const NARROW_ROWS = 1000;
const NARROW_P95_MS = 30;
const ANY_P95_MS = 100;

const TERMS: { collection: string; q: string; what: string }[] = [
  { collection: 'investments', q: 'Company 12345', what: "one company's rounds" },
  { collection: 'investments', q: '智谱科技', what: 'a Chinese brand' },
  { collection: 'investments', q: 'Round 43210', what: 'notes' },
  { collection: 'investments', q: 'note', what: 'notes of a tenth of the rounds' },
  { collection: 'investments', q: 'Company 1', what: 'a ninth of the companies' },
  { collection: 'investments', q: 'Company', what: 'every round' },
  { collection: 'investments', q: '智谱', what: '2 characters: a scan' },
  { collection: 'companies', q: 'Company 12345', what: 'one company and its tens' },
  { collection: 'companies', q: '智谱科技', what: 'a Chinese brand' },
  { collection: 'companies', q: 'Company 1', what: 'a ninth of the companies' },
];

const time = async (fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<Stats> => stats(await timeRuns(fn, runs, warmup));

/**
 * `q` as it was before the search indexes: any search column LIKE '%q%' (ILIKE on PostgreSQL), ref columns by
 * the referenced row's name or Chinese name; the page in the default order and the total. Built from the registry.
 */
function scanStatements(dialect: 'sqlite' | 'postgres', collection: Collection, q: string): Statement[] {
  const like = dialect === 'postgres' ? 'ilike' : 'like';
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const parts = collection.columns
    .filter((c) => c.search && !c.virtual)
    .map((c) => {
      if (c.type !== 'ref') return `${c.id} ${like} $p escape '\\'`;
      const target = getCollection(c.ref ?? '');
      const zh = target.columns.find((t) => t.id === target.titleColumn)?.zhTwin;
      const names = [target.titleColumn, ...(zh ? [zh] : [])].map((n) => `s.${n} ${like} $p escape '\\'`).join(' or ');
      return `${c.id} in (select s.id from ${target.table} s where ${names})`;
    });
  let n = 0;
  const where = parts.join(' or ').replace(/\$p/g, () => (dialect === 'postgres' ? `$${++n}` : (n++, '?')));
  const parameters = Array.from({ length: n }, () => pattern);
  const { column, order } = collection.defaultSort;
  return [
    { sql: `select count(*) from ${collection.table} where ${where}`, parameters },
    { sql: `select * from ${collection.table} where ${where} order by ${column} ${order} nulls last, id ${order} limit 50`, parameters },
  ];
}

interface Worst {
  /** Worst app p95 of the terms matching at most NARROW_ROWS rows, and of every term. */
  narrow: { p95: number; raw: number; term: string };
  any: { p95: number; raw: number; term: string };
}

async function benchDatabase(label: string, dialect: 'sqlite' | 'postgres', url: string, raw: RawDriver, scan: RawDriver, runs: number): Promise<{ lines: string[]; fails: number; worst: Worst }> {
  let captured: Statement[] | null = null;
  const atlas: Atlas = openAtlas(url, {
    log: (e) => {
      if (e.level === 'query') captured?.push({ sql: e.query.sql, parameters: [...e.query.parameters] });
    },
  });
  const lines: string[] = [];
  let fails = 0;
  const worst: Worst = { narrow: { p95: 0, raw: 0, term: '' }, any: { p95: 0, raw: 0, term: '' } };
  try {
    for (const term of TERMS) {
      const collection = getCollection(term.collection);
      const spec = parseQuery(collection, new URLSearchParams({ q: term.q }));
      const statements: Statement[] = (captured = []);
      const { total } = await listRows(atlas, spec);
      captured = null;
      const app = await time(() => listRows(atlas, spec), runs);
      const bare = await time(() => raw.run(statements), runs);
      const before = await time(() => scan.run(scanStatements(dialect, collection, term.q)), Math.max(5, Math.floor(runs / 4)), 1);
      const target = total <= NARROW_ROWS ? NARROW_P95_MS : ANY_P95_MS;
      const name = `${term.collection}?q=${term.q}`;
      if (total <= NARROW_ROWS && app.p95 > worst.narrow.p95) worst.narrow = { p95: app.p95, raw: bare.p95, term: name };
      if (app.p95 > worst.any.p95) worst.any = { p95: app.p95, raw: bare.p95, term: name };
      const ok = app.p95 <= target;
      if (!ok) fails++;
      lines.push(
        `${label.padEnd(11)} ${`${term.collection}?q=${term.q}`.padEnd(28)} ${term.what.padEnd(32)} ${total.toLocaleString('en-US').padStart(9)} ` +
          `${ms(app.p50)} ${ms(app.p95)} ${ms(bare.p50)} ${ms(bare.p95)} ${ms(before.p50)} ${ms(before.p95)}  ≤ ${target} ms ${ok ? 'PASS' : 'FAIL'}`,
      );
    }
  } finally {
    await atlas.db.destroy();
  }
  return { lines, fails, worst };
}

function record(database: 'sqlite' | 'postgres', worst: Worst): void {
  const base = (w: Worst['any']) => `raw ${w.raw.toFixed(1)} ms (${w.term})`;
  recordTarget({ issue: '16.4', target: `q p95, terms matching ≤ ${NARROW_ROWS.toLocaleString('en-US')} rows`, database, measured: `${worst.narrow.p95.toFixed(1)} ms worst`, limit: `≤ ${NARROW_P95_MS} ms`, pass: worst.narrow.p95 <= NARROW_P95_MS, baseline: base(worst.narrow) });
  recordTarget({ issue: '16.4', target: 'q p95, any term', database, measured: `${worst.any.p95.toFixed(1)} ms worst`, limit: `≤ ${ANY_P95_MS} ms`, pass: worst.any.p95 <= ANY_P95_MS, baseline: base(worst.any) });
}

const load = () => os.loadavg().map((v) => v.toFixed(2)).join(', ');

export async function benchSearch(options: { rounds: number; companies: number; runs?: number }): Promise<string[]> {
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 40);
  const file = path.resolve('bench/out/tables.db');
  const t0 = performance.now();
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  const lines = [
    `search: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies (dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s); p50/p95 over ${runs} runs after 3 warm-up runs (the scan: ${Math.max(5, Math.floor(runs / 4))} runs)`,
    `app: listRows in this process (the page of 50 with its total, names and participants, through Kysely); raw: the same statements through the driver; scan: q before migration 014, LIKE over the rows (count and page), raw`,
    `load average at start: ${load()} (${os.cpus().length} CPUs)`,
    '',
    `${'database'.padEnd(11)} ${'query'.padEnd(28)} ${'matching'.padEnd(32)} ${'rows'.padStart(9)} ${'app p50'.padStart(10)} ${'app p95'.padStart(10)} ${'raw p50'.padStart(10)} ${'raw p95'.padStart(10)} ${'scan p50'.padStart(10)} ${'scan p95'.padStart(10)}  target (app p95)`,
  ];
  let fails = 0;
  {
    const raw = sqliteDriver(file);
    try {
      const result = await benchDatabase('SQLite', 'sqlite', file, raw, raw, runs);
      lines.push(...result.lines);
      fails += result.fails;
      record('sqlite', result.worst);
    } finally {
      await raw.close();
    }
  }
  if (await postgresAnswers()) {
    const copied = performance.now();
    const url = await sharedPgCopy(file);
    const seconds = ((performance.now() - copied) / 1000).toFixed(0);
    const raw = await pgDriver(url);
    const scan = await pgDriver(url, ['set enable_bitmapscan = off']);
    try {
      const result = await benchDatabase('PostgreSQL', 'postgres', url, raw, scan, runs);
      lines.push(...result.lines, `(PostgreSQL: the rows copied into their own schema in ${seconds} s, or earlier in this run)`);
      fails += result.fails;
      record('postgres', result.worst);
    } finally {
      await raw.close();
      await scan.close();
    }
  } else {
    lines.push(`PostgreSQL at ${BENCH_PG_URL} does not answer: skipped`);
  }
  lines.push('', `load average at end: ${load()}`, `q p95 (≤ ${NARROW_P95_MS} ms at ≤ ${NARROW_ROWS.toLocaleString('en-US')} rows, ≤ ${ANY_P95_MS} ms any):`.padEnd(40) + (fails ? ` FAIL (${fails} of the queries over)` : ' PASS'));
  return lines;
}

if (process.argv[1]?.endsWith('search.ts')) {
  const [rounds = '1000000', companies = '100000', runs] = process.argv.slice(2);
  benchSearch({ rounds: Number(rounds), companies: Number(companies), runs: runs ? Number(runs) : undefined })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => dropSharedPgCopies());
}
