// Concentration benchmark: the app's concentration functions (parse → SQL aggregate → measures) against the
// very same GROUP BY statements run raw with better-sqlite3 on the same file, side by side.
// Run alone: npx tsx bench/concentration.ts [rounds] [companies] [runs]
import path from 'node:path';
import type { Atlas } from '../db/connection';
import { concentrationReport, concentrationSeriesReport } from '../db/concentration';
import { parseConcentrationQuery } from '../lib/concentration';
import { ensureDataset } from './dataset';
import { ms, stats, timeRuns } from './measure';
import { openReplayer } from './replay';


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

export async function benchConcentration(options: { rows: number; companies: number; runs?: number }): Promise<string[]> {
  const file = path.resolve('bench/out/concentration.db');
  const t0 = performance.now();
  await ensureDataset(file, { companies: options.companies, rounds: options.rows });
  const runs = options.runs ?? 20;
  const lines = [
    `concentration: ${options.rows.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies (dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s); p50/p95 over ${runs} runs`,
    `${'scenario'.padEnd(40)} ${'app p50'.padStart(10)} ${'app p95'.padStart(10)} ${'raw p50'.padStart(10)} ${'raw p95'.padStart(10)}  ratio(p50)  firms`,
  ];

  const replay = openReplayer(file);
  const { atlas } = replay;
  try {
    for (const scenario of SCENARIOS) {
      const { raw: statements } = await replay.record(() => runApp(atlas, scenario.query, Boolean(scenario.series)));
      let firms = 0;
      const rawRun = () => {
        firms = 0;
        for (const run of statements) firms = Math.max(firms, run().length);
      };
      const appStats = stats(await timeRuns(() => runApp(atlas, scenario.query, Boolean(scenario.series)), runs));
      const rawStats = stats(await timeRuns(rawRun, runs));
      lines.push(
        `${scenario.label.padEnd(40)} ${ms(appStats.p50)} ${ms(appStats.p95)} ${ms(rawStats.p50)} ${ms(rawStats.p95)}  ${(appStats.p50 / rawStats.p50).toFixed(2).padStart(8)}×  ${firms.toLocaleString('en-US')}`,
      );
    }
    lines.push('app = parse the URL, run the aggregate through Kysely, compute shares/HHI/CRn/Lorenz/Gini in JS;');
    lines.push('raw = the same SQL statements (same bound values) through better-sqlite3 .all(), no measures.');
  } finally {
    await replay.close();
  }
  return lines;
}

if (process.argv[1]?.endsWith('concentration.ts')) {
  const [rows = '1000000', companies = '100000', runs = '20'] = process.argv.slice(2);
  benchConcentration({ rows: Number(rows), companies: Number(companies), runs: Number(runs) })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
