// Lists and facets benchmark (issue 16, items 3 and 6), on SQLite and on PostgreSQL: every sortable column of rounds
// and companies, ascending and descending, with no filter and with one facet value matching about a fifth and about
// a thousandth of the rows (bench/dataset.ts makes such values), through the app's list function (listRows: the
// page of 50 with its total, names and participants) in this process; beside it the very statements it ran, raw
// through the driver. Then the facet requests of bench/tables.ts the same way. Targets: list p95 ≤ 50 ms, facet
// p95 ≤ 150 ms, each case on each database; the worst case is what counts.
// Run alone: npx tsx bench/lists.ts [rounds] [companies] [runs]
import path from 'node:path';
import { openAtlas, type Atlas } from '../db/connection';
import { facetColumnsOf, labelledFacets } from '../db/facets';
import { listRows } from '../db/rows';
import { getCollection } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import { parseQuery } from '../lib/query/parse';
import { ensureDataset, RARE_COUNTRY } from './dataset';
import { ms, stats, timeAlternately, type Stats } from './measure';
import { dropSharedPgCopies, sharedPgCopy } from './pg-copy';
import { pgDriver, postgresAnswers, sqliteDriver, type RawDriver, type Statement } from './raw-driver';
import { FACETS } from './tables';
import { machine, recordTarget } from './targets';

const LIST_P95_MS = 50;
const FACET_P95_MS = 150;

/** Per collection: no filter, a facet value matching about a fifth of the rows, one matching about a thousandth. */
const FILTERS: Record<string, { label: string; query: string }[]> = {
  investments: [
    { label: 'none', query: '' },
    { label: '~20%', query: 'round_type=seed' },
    { label: '~0.1%', query: 'round_type=ipo' },
  ],
  companies: [
    { label: 'none', query: '' },
    { label: '~20%', query: 'layer=foundation' },
    { label: '~0.1%', query: `country=${RARE_COUNTRY}` },
  ],
};

export const sortableColumns = (collection: Collection) => collection.columns.filter((c) => c.sortable && !c.virtual).map((c) => c.id);

interface ListCase {
  collection: string;
  query: string;
  filter: string;
}

export function listCases(): ListCase[] {
  const cases: ListCase[] = [];
  for (const id of ['investments', 'companies']) {
    for (const sort of sortableColumns(getCollection(id))) {
      for (const order of ['asc', 'desc']) {
        for (const filter of FILTERS[id]) cases.push({ collection: id, filter: filter.label, query: [filter.query, `sort=${sort}&order=${order}`].filter(Boolean).join('&') });
      }
    }
  }
  return cases;
}

interface Measured {
  label: string;
  rows: number;
  app: Stats;
  raw: Stats;
}

interface Database {
  label: string;
  url: string;
  raw: RawDriver;
}

/** The statements one call of `fn` runs through `atlas` (its log fills `sink` while it runs). */
async function captured<T>(sink: { statements: Statement[] | null }, fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = (sink.statements = []);
  const result = await fn();
  sink.statements = null;
  return { result, statements };
}

async function measureDatabase(database: Database, runs: number): Promise<{ lists: Measured[]; facets: Measured[] }> {
  const sink: { statements: Statement[] | null } = { statements: null };
  const atlas: Atlas = openAtlas(database.url, {
    log: (e) => {
      if (e.level === 'query') sink.statements?.push({ sql: e.query.sql, parameters: [...e.query.parameters] });
    },
  });
  const lists: Measured[] = [];
  const facets: Measured[] = [];
  try {
    for (const c of listCases()) {
      const spec = parseQuery(getCollection(c.collection), new URLSearchParams(c.query));
      const { result, statements } = await captured(sink, () => listRows(atlas, spec));
      const [app, raw] = await timeAlternately(() => listRows(atlas, spec), () => database.raw.run(statements), runs);
      lists.push({ label: `${c.collection}?${c.query}`, rows: result.total, app: stats(app), raw: stats(raw) });
    }
    for (const url of FACETS) {
      const [pathPart, query] = url.split('?');
      const collection = getCollection(pathPart.split('/')[0]);
      const params = new URLSearchParams(query);
      const spec = parseQuery(collection, params, { extra: ['facet'] });
      const requested = params.getAll('facet');
      const keys = [...new Set(requested.length ? requested : facetColumnsOf(collection))];
      const { statements } = await captured(sink, () => labelledFacets(atlas, spec, keys));
      const [app, raw] = await timeAlternately(() => labelledFacets(atlas, spec, keys), () => database.raw.run(statements), runs);
      facets.push({ label: url, rows: 0, app: stats(app), raw: stats(raw) });
    }
  } finally {
    await atlas.db.destroy();
  }
  return { lists, facets };
}

const worst = (measured: Measured[]) => measured.reduce((a, b) => (b.app.p95 > a.app.p95 ? b : a));

function report(database: string, kind: 'list' | 'facet', measured: Measured[], limit: number, lines: string[]): void {
  const over = measured.filter((m) => m.app.p95 > limit);
  const w = worst(measured);
  lines.push(
    `${database}: ${kind}s ${over.length ? `FAIL, ${over.length} of ${measured.length} cases over ${limit} ms` : `PASS, all ${measured.length} cases`}; ` +
      `worst app p95 ${w.app.p95.toFixed(1)} ms (raw ${w.raw.p95.toFixed(1)} ms): ${w.label}`,
  );
  for (const m of over.sort((a, b) => b.app.p95 - a.app.p95)) lines.push(`  over: ${m.label} app p95 ${m.app.p95.toFixed(1)} ms (+${(m.app.p95 - limit).toFixed(1)} ms), raw p95 ${m.raw.p95.toFixed(1)} ms`);
  recordTarget({
    issue: kind === 'list' ? '16.3' : '16.6',
    target: kind === 'list' ? `lists p95, ${measured.length} cases (every sortable column × asc/desc × none/~20%/~0.1%)` : `facets p95, ${measured.length} requests (in process)`,
    database: database === 'SQLite' ? 'sqlite' : 'postgres',
    measured: `${w.app.p95.toFixed(1)} ms worst`,
    limit: `≤ ${limit} ms`,
    pass: over.length === 0,
    baseline: `raw ${w.raw.p95.toFixed(1)} ms`,
  });
}

export async function benchLists(options: { rounds: number; companies: number; runs?: number }): Promise<string[]> {
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 40);
  const file = path.resolve('bench/out/tables.db');
  const t0 = performance.now();
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  const lines = [
    `lists: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies (dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s); p50/p95 over ${runs} runs of each after 2 warm-up runs, app and raw alternating`,
    `app: listRows / labelledFacets in this process (the page of 50 with its total, names and participants; the facet counts with names), through Kysely;`,
    `raw: the very statements the app ran for the case, with the same values, through the driver (better-sqlite3 / node-postgres). The targets are absolute (issue 16: lists ≤ ${LIST_P95_MS} ms, facets ≤ ${FACET_P95_MS} ms p95).`,
    `at start: ${machine()}`,
    '',
    `${'database'.padEnd(11)} ${'request'.padEnd(78)} ${'rows'.padStart(9)} ${'app p50'.padStart(10)} ${'app p95'.padStart(10)} ${'raw p50'.padStart(10)} ${'raw p95'.padStart(10)}  target`,
  ];
  const databases: Database[] = [{ label: 'SQLite', url: file, raw: sqliteDriver(file) }];
  const summary: string[] = [];
  try {
    if (await postgresAnswers()) {
      const copied = performance.now();
      const url = await sharedPgCopy(file);
      lines.splice(4, 0, `PostgreSQL: the rows copied into their own schema in ${((performance.now() - copied) / 1000).toFixed(0)} s`);
      databases.push({ label: 'PostgreSQL', url, raw: await pgDriver(url) });
    } else {
      summary.push('PostgreSQL does not answer: skipped');
    }
    for (const database of databases) {
      const { lists, facets } = await measureDatabase(database, runs);
      const row = (m: Measured, limit: number) =>
        `${database.label.padEnd(11)} ${m.label.padEnd(78)} ${(m.rows ? m.rows.toLocaleString('en-US') : '').padStart(9)} ${ms(m.app.p50)} ${ms(m.app.p95)} ${ms(m.raw.p50)} ${ms(m.raw.p95)}  ${m.app.p95 <= limit ? 'PASS' : 'FAIL'}`;
      lines.push(...lists.map((m) => row(m, LIST_P95_MS)), ...facets.map((m) => row(m, FACET_P95_MS)));
      report(database.label, 'list', lists, LIST_P95_MS, summary);
      report(database.label, 'facet', facets, FACET_P95_MS, summary);
      summary.push(`  (${database.label} measured, ${machine()})`);
    }
  } finally {
    for (const database of databases) await database.raw.close();
  }
  return [...lines, '', ...summary];
}

if (process.argv[1]?.endsWith('lists.ts')) {
  const [rounds = '1000000', companies = '100000', runs] = process.argv.slice(2);
  benchLists({ rounds: Number(rounds), companies: Number(companies), runs: runs ? Number(runs) : undefined })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => dropSharedPgCopies());
}
