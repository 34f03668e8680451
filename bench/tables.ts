// Tables benchmark: list and facet endpoints of the app vs a bare node:http server running the same SQL
// on the same SQLite file. Run alone: npx tsx bench/tables.ts [rounds] [companies]
import fs from 'node:fs';
import path from 'node:path';
import { openAtlas, type Atlas } from '../db/connection';
import { facetCounts, listRows } from '../db/rows';
import { getCollection } from '../lib/collections';
import { parseQuery } from '../lib/query/parse';
import { ensureBuild, startApp } from './app-server';
import { ensureDataset } from './dataset';
import { ms, sample, start, stats, stop, waitFor } from './measure';

type Statement = { sql: string; parameters: unknown[] };

const LIST = [
  'investments',
  'investments?sort=amount_usd&order=desc',
  'investments?round_type=seed&announced_on__gte=2020-01-01',
  'investments?investor=openai',
  'investments?page=2000',
  'companies?layer=foundation&sort=founded_year&order=desc',
  'companies?q=Company%2012345',
];
const FACETS = [
  'investments/facets?facet=round_type',
  'investments/facets?facet=round_type&facet=confidence&announced_on__gte=2022-01-01',
  'investments/facets?facet=confidence&investor=openai',
  'companies/facets?facet=layer&facet=kind&facet=region',
];

/** Run the app's own query functions for a URL and record the SQL they sent. */
async function capture(file: string, url: string): Promise<Statement[]> {
  const statements: Statement[] = [];
  const atlas: Atlas = openAtlas(file, {
    log: (e) => {
      if (e.level === 'query') statements.push({ sql: e.query.sql, parameters: [...e.query.parameters] });
    },
  });
  const [pathPart, query = ''] = url.split('?');
  const [collectionId, facets] = pathPart.split('/');
  const params = new URLSearchParams(query);
  const spec = parseQuery(getCollection(collectionId), params, { extra: ['facet'] });
  if (facets) await facetCounts(atlas, spec, params.getAll('facet'));
  else await listRows(atlas, spec);
  await atlas.db.destroy();
  return statements;
}

export async function benchTables(options: { rounds: number; companies: number; runs?: number }): Promise<string[]> {
  const file = path.resolve('bench/out/tables.db');
  const t0 = performance.now();
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  const lines = [`tables: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies (dataset ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`];

  const scenarios: Record<string, Statement[]> = {};
  for (const url of [...LIST, ...FACETS]) scenarios[url] = await capture(file, url);
  const scenarioFile = path.resolve('bench/out/scenarios.json');
  fs.writeFileSync(scenarioFile, JSON.stringify(scenarios));

  ensureBuild();
  const app = await startApp(file, 3290);
  const bare = start('npx', ['tsx', 'bench/bare-server.ts', file, '3291', scenarioFile], {});
  try {
    await waitFor(`http://127.0.0.1:3291/${encodeURIComponent(LIST[0])}`);
    const runs = options.runs ?? 40;
    lines.push(`${'endpoint'.padEnd(72)} ${'app p50'.padStart(10)} ${'app p95'.padStart(10)} ${'bare p50'.padStart(10)} ${'bare p95'.padStart(10)}  ratio(p50)`);
    for (const url of [...LIST, ...FACETS]) {
      const appStats = stats(await sample(`http://127.0.0.1:3290/api/v1/${url}`, runs));
      const bareStats = stats(await sample(`http://127.0.0.1:3291/${encodeURIComponent(url)}`, runs));
      lines.push(`GET /api/v1/${url}`.padEnd(72) + ` ${ms(appStats.p50)} ${ms(appStats.p95)} ${ms(bareStats.p50)} ${ms(bareStats.p95)}  ${(appStats.p50 / bareStats.p50).toFixed(2)}×`);
    }
    const page = stats(await sample('http://127.0.0.1:3290/investments', 10));
    lines.push(`page /investments (full HTML incl. streamed facets)`.padEnd(72) + ` ${ms(page.p50)} ${ms(page.p95)}`);
  } finally {
    stop(app);
    stop(bare);
  }
  return lines;
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
