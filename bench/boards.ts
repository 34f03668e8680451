// Boards benchmark: GET /api/v1/boards/{id}/data of a 12-tile board against the slowest of its tiles alone (each
// as a one-tile board), through npm start's server on the rounds dataset. Target (issue 17): the whole board within
// 1.3× its slowest tile, since tiles load concurrently. The page's first-load JS (≤ 220 kB) is checked by npm test.
// Run alone: npx tsx bench/run.ts boards (BENCH_ROUNDS / BENCH_COMPANIES for a smaller dataset).
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ensureBuild, startApp } from './app-server';
import { ensureDataset } from './dataset';
import { ms, stats, stop, timeFetch } from './measure';

const TARGET = 1.3;
const PORT = 3292;

/** A board an analyst would keep: tables, metrics and charts over the whole dataset, placed in rows of 12 columns. */
const TILES = [
  { kind: 'table', path: '/investments?sort=amount_usd&order=desc', rows: 10 },
  { kind: 'table', path: '/investments?investor=openai&sort=announced_on&order=desc', rows: 10 },
  { kind: 'table', path: '/companies?layer=foundation&sort=name', rows: 10 },
  { kind: 'table', path: '/investments?round_type=seed&sort=announced_on&order=desc', rows: 10 },
  { kind: 'metric', path: '/concentration?basis=funding&layer=foundation', metric: 'hhi' },
  { kind: 'metric', path: '/concentration?basis=funding&layer=application', metric: 'hhi' },
  { kind: 'metric', path: '/concentration?basis=funding&layer=foundation&from=2022&to=2023', metric: 'cr4' },
  { kind: 'metric', path: '/concentration?basis=rounds&region=china', metric: 'gini' },
  { kind: 'chart', path: '/concentration?basis=funding', chart: 'shares' },
  { kind: 'chart', path: '/concentration?basis=funding&region=overseas', chart: 'lorenz' },
  { kind: 'chart', path: '/concentration?basis=funding&interval=year', chart: 'hhi-series' },
  { kind: 'chart', path: '/', chart: 'funding-by-layer' },
].map((tile, i) => ({ ...tile, id: `t${i + 1}`, x: (i % 4) * 3, y: Math.floor(i / 4) * 4, w: 3, h: 4 }));

/** Boards are written straight into the file (the dataset has no change log to keep): the whole board and each tile alone. */
function writeBoards(file: string): string[] {
  const db = new BetterSqlite3(file);
  const now = new Date().toISOString();
  const insert = db.prepare(`insert or replace into boards (id, title, visibility, owner, tiles, version, created_at, updated_at) values (?, ?, 'team', 'bench', ?, 1, ?, ?)`);
  insert.run('bench-all', 'All twelve tiles', JSON.stringify(TILES), now, now);
  TILES.forEach((tile) => insert.run(`bench-${tile.id}`, `Only ${tile.id}`, JSON.stringify([{ ...tile, x: 0, y: 0 }]), now, now));
  db.close();
  return TILES.map((tile) => `bench-${tile.id}`);
}

async function timeUrl(url: string, runs: number): Promise<ReturnType<typeof stats>> {
  for (let i = 0; i < 3; i++) await timeFetch(url);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeFetch(url));
  return stats(samples);
}

export async function benchBoards(options: { rounds: number; companies: number; runs?: number }): Promise<string[]> {
  const file = path.resolve('bench/out/concentration.db');
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  const singles = writeBoards(file);
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 15);
  ensureBuild();
  const app = await startApp(file, PORT);
  const url = (id: string) => `http://127.0.0.1:${PORT}/api/v1/boards/${id}/data`;
  const lines = [
    `boards: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies; p50/p95 of ${runs} requests after 3 warm-ups; load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`,
    `${'tile alone (a one-tile board)'.padEnd(72)} ${'p50'.padStart(10)} ${'p95'.padStart(10)}`,
  ];
  try {
    let slowest = { id: '', p50: 0, p95: 0 };
    for (const [i, id] of singles.entries()) {
      const s = await timeUrl(url(id), runs);
      const tile = TILES[i];
      lines.push(`${`${tile.id} ${tile.kind} ${tile.path}${'chart' in tile ? ` (${tile.chart})` : ''}${'metric' in tile ? ` (${tile.metric})` : ''}`.padEnd(72)} ${ms(s.p50)} ${ms(s.p95)}`);
      if (s.p50 > slowest.p50) slowest = { id: tile.id, p50: s.p50, p95: s.p95 };
    }
    const all = await timeUrl(url('bench-all'), runs);
    const ratio = all.p50 / slowest.p50;
    lines.push(`${'the whole board (12 tiles)'.padEnd(72)} ${ms(all.p50)} ${ms(all.p95)}`);
    lines.push(`board ÷ slowest tile alone (${slowest.id}), p50: ${ratio.toFixed(2)}× — target ≤ ${TARGET}×: ${ratio <= TARGET ? 'PASS' : 'FAIL'}`);
  } finally {
    stop(app);
  }
  return lines;
}
