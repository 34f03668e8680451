// Diagnostic, not part of npm run bench: each statement of each analysis scenario of bench/analysis.ts, run raw,
// its best wall and CPU time of three (SQLite runs in this process: CPU time is the statement's own work).
// npx tsx bench/analysis-profile.ts [part of a scenario's URL]
import path from 'node:path';
import { coInvestments } from '../db/coinvestments';
import { marketMap } from '../db/market-map';
import { parseMarketMapQuery, parseNetworkQuery } from '../lib/analysis/params';
import { companyId, ensureDataset } from './dataset';
import { openReplayer } from './replay';

const SCENARIOS: [route: 'market-map' | 'coinvestments', query: string][] = [
  ['market-map', ''],
  ['market-map', 'investor=openai'],
  ['market-map', 'layer=application&from=2020&to=2023'],
  ['market-map', 'region=china&top=10'],
  ['coinvestments', ''],
  ['coinvestments', 'min=1'],
  ['coinvestments', 'layer=foundation&from=2020&to=2023&min=1'],
  ['coinvestments', 'region=china&min=1'],
  ['coinvestments', `investor=${companyId(1)}&min=1`],
];

function best(run: () => unknown): string {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const used = process.cpuUsage();
    run();
    const spent = process.cpuUsage(used);
    wall = Math.min(wall, performance.now() - started);
    cpu = Math.min(cpu, (spent.user + spent.system) / 1000);
  }
  return `${wall.toFixed(0)} ms (CPU ${cpu.toFixed(0)})`;
}

async function main(): Promise<void> {
  const file = path.resolve('bench/out/analysis.db');
  await ensureDataset(file, { companies: 100_000, rounds: 1_000_000 });
  const replay = openReplayer(file);
  try {
    for (const [route, query] of SCENARIOS) {
      if (process.argv[2] && !`${route}?${query}`.includes(process.argv[2])) continue;
      const params = new URLSearchParams(query);
      const { raw } = await replay.record((): Promise<unknown> => (route === 'market-map' ? marketMap(replay.atlas, parseMarketMapQuery(params)) : coInvestments(replay.atlas, parseNetworkQuery(params))));
      console.log(`${route}?${query}`.padEnd(60), raw.map(best).join(' + '));
    }
  } finally {
    await replay.close();
  }
}

void main();
