// Diagnostic (not part of npm run bench): each statement of each analysis scenario, timed raw.
import path from 'node:path';
import { ensureDataset } from './dataset';
import { openReplayer } from './replay';
import { coInvestments } from '../db/coinvestments';
import { marketMap } from '../db/market-map';
import { parseMarketMapQuery, parseNetworkQuery } from '../lib/analysis/params';

const only = process.argv[2];
async function main() {
  const file = path.resolve('bench/out/analysis.db');
  let t0 = performance.now();
  await ensureDataset(file, { companies: 100_000, rounds: 1_000_000 });
  console.log('ready', (performance.now() - t0).toFixed(0));
  const replay = openReplayer(file);
  const scenarios: [string, string][] = [['market-map', ''], ['market-map', 'investor=openai'], ['market-map', 'layer=application&from=2020&to=2023'], ['market-map', 'region=china&top=10'],
    ['coinvestments', ''], ['coinvestments', 'min=1'], ['coinvestments', 'layer=foundation&from=2020&to=2023&min=1'], ['coinvestments', 'region=china&min=1'], ['coinvestments', 'investor=c-000001&min=1']];
  for (const [route, query] of scenarios) {
    if (only && !`${route}?${query}`.includes(only)) continue;
    const p = new URLSearchParams(query);
    const { raw } = await replay.record((): Promise<unknown> => (route === 'market-map' ? marketMap(replay.atlas, parseMarketMapQuery(p)) : coInvestments(replay.atlas, parseNetworkQuery(p))));
    const times = raw.map((run) => { const ts = []; const cs = []; for (let i = 0; i < 3; i++) { t0 = performance.now(); const c0 = process.cpuUsage(); run(); const c = process.cpuUsage(c0); cs.push((c.user + c.system) / 1000); ts.push(performance.now() - t0); } return `${Math.min(...ts).toFixed(0)}(cpu ${Math.min(...cs).toFixed(0)})`; });
    console.log(`${route}?${query}`.padEnd(60), times.join(' + '));
  }
  await replay.close();
}
main();
