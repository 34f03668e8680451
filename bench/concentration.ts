// Concentration benchmark: the app's concentration functions (parse → SQL aggregate → measures) against the
// very same GROUP BY statements run raw by the driver on the same data, side by side, on SQLite and on PostgreSQL.
// Target (issue 16, item 6): at 1,000,000 rounds the app takes at most 1.5× the raw statements (p50), every scenario.
// Run alone: npx tsx bench/concentration.ts [rounds] [companies] [runs]
import path from 'node:path';
import { openAtlas, type Atlas } from '../db/connection';
import { concentrationReport, concentrationSeriesReport } from '../db/concentration';
import { parseConcentrationQuery } from '../lib/concentration';
import { ensureDataset } from './dataset';
import { ms, stats, timeAlternately, type Stats } from './measure';
import { dropSharedPgCopies, sharedPgCopy } from './pg-copy';
import { pgDriver, postgresAnswers, sqliteDriver, type RawDriver, type Statement } from './raw-driver';
import { machine, recordTarget } from './targets';

const RATIO_LIMIT = 1.5;

const SCENARIOS: { label: string; query: string; series?: boolean }[] = [
  { label: 'funding by company, all rounds', query: '' },
  { label: 'funding, foundation layer, 2020–2023', query: 'layer=foundation&from=2020&to=2023' },
  { label: 'funding, China, top 10', query: 'region=china&top=10' },
  { label: 'rounds by company', query: 'basis=rounds' },
  { label: 'valuation (latest post-money)', query: 'basis=valuation' },
  { label: 'funding by investor (equal split)', query: 'by=investor' },
  { label: 'series per year', query: 'interval=year', series: true },
];

async function runApp(atlas: Atlas, query: string, series: boolean): Promise<void> {
  const parsed = parseConcentrationQuery(new URLSearchParams(query));
  if (series) await concentrationSeriesReport(atlas, parsed);
  else await concentrationReport(atlas, parsed);
}

interface Measured {
  label: string;
  app: Stats;
  raw: Stats;
  firms: number;
}

async function measure(url: string, raw: RawDriver, runs: number): Promise<Measured[]> {
  let sink: Statement[] | null = null;
  const atlas = openAtlas(url, {
    log: (e) => {
      if (e.level === 'query') sink?.push({ sql: e.query.sql, parameters: [...e.query.parameters] });
    },
  });
  const out: Measured[] = [];
  try {
    for (const scenario of SCENARIOS) {
      const statements: Statement[] = (sink = []);
      await runApp(atlas, scenario.query, Boolean(scenario.series));
      sink = null;
      let firms = 0;
      const [app, rawTimes] = await timeAlternately(
        () => runApp(atlas, scenario.query, Boolean(scenario.series)),
        async () => (firms = Math.max(0, ...(await raw.run(statements)).map((rows) => rows.length))),
        runs,
      );
      out.push({ label: scenario.label, app: stats(app), raw: stats(rawTimes), firms });
    }
  } finally {
    await atlas.db.destroy();
  }
  return out;
}

export async function benchConcentration(options: { rows: number; companies: number; runs?: number }): Promise<string[]> {
  const file = path.resolve('bench/out/tables.db');
  const t0 = performance.now();
  await ensureDataset(file, { companies: options.companies, rounds: options.rows });
  const runs = options.runs ?? 20;
  const lines = [
    `concentration: ${options.rows.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies (dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s); p50/p95 over ${runs} runs of each, app and raw alternating; at start: ${machine()}`,
    `${'database'.padEnd(11)} ${'scenario'.padEnd(40)} ${'app p50'.padStart(10)} ${'app p95'.padStart(10)} ${'raw p50'.padStart(10)} ${'raw p95'.padStart(10)}  ratio(p50)  firms`,
  ];
  const databases: { label: 'SQLite' | 'PostgreSQL'; url: string; raw: RawDriver }[] = [{ label: 'SQLite', url: file, raw: sqliteDriver(file) }];
  const verdicts: string[] = [];
  try {
    if (await postgresAnswers()) {
      const url = await sharedPgCopy(file);
      databases.push({ label: 'PostgreSQL', url, raw: await pgDriver(url) });
    } else {
      verdicts.push('PostgreSQL does not answer: skipped');
    }
    for (const database of databases) {
      const measured = await measure(database.url, database.raw, runs);
      for (const m of measured) {
        lines.push(`${database.label.padEnd(11)} ${m.label.padEnd(40)} ${ms(m.app.p50)} ${ms(m.app.p95)} ${ms(m.raw.p50)} ${ms(m.raw.p95)}  ${(m.app.p50 / m.raw.p50).toFixed(2).padStart(8)}×  ${m.firms.toLocaleString('en-US')}`);
      }
      const worst = measured.reduce((a, b) => (b.app.p50 / b.raw.p50 > a.app.p50 / a.raw.p50 ? b : a));
      const ratio = worst.app.p50 / worst.raw.p50;
      verdicts.push(`${database.label}: worst ratio ${ratio.toFixed(2)}× (${worst.label}) — ${ratio <= RATIO_LIMIT ? 'PASS' : 'FAIL'} (≤ ${RATIO_LIMIT}×)`);
      recordTarget({
        issue: '16.6',
        target: `concentration, ${measured.length} scenarios, app p50 / raw p50`,
        database: database.label === 'SQLite' ? 'sqlite' : 'postgres',
        measured: `${ratio.toFixed(2)}× worst`,
        limit: `≤ ${RATIO_LIMIT}× raw`,
        pass: ratio <= RATIO_LIMIT,
        baseline: `raw ${worst.raw.p50.toFixed(1)} ms (${worst.label})`,
      });
    }
  } finally {
    for (const database of databases) await database.raw.close();
  }
  lines.push(
    'app = parse the URL, run the aggregate through Kysely, compute shares/HHI/CRn/Lorenz/Gini in JS;',
    'raw = the same SQL statements (same bound values) through the driver (better-sqlite3 .all() / node-postgres), one after another, no measures.',
    ...verdicts,
    `at end: ${machine()}`,
  );
  return lines;
}

if (process.argv[1]?.endsWith('concentration.ts')) {
  const [rows = '1000000', companies = '100000', runs = '20'] = process.argv.slice(2);
  benchConcentration({ rows: Number(rows), companies: Number(companies), runs: Number(runs) })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => dropSharedPgCopies());
}
