// Boards benchmark: GET /api/v1/boards/{id}/data of a 12-tile board against the slowest of its tiles alone (each
// as a one-tile board), through npm start's server on the rounds dataset, on SQLite and (when it answers) PostgreSQL.
// Target (issue 17): the whole board within 1.3× its slowest tile, since tiles load concurrently — on SQLite in the
// read pool's worker threads (docs/decisions/028-board-tiles-in-worker-threads.md). The ratio is taken from the board
// and its slowest tile requested in turn (the machine is shared: load drifts). For comparison, from the same run:
// the tiles' p50s added up (one after another), and on SQLite the board with ATLAS_READ_WORKERS=0 (every tile on the
// main connection, as before decision 028). The page's first-load JS (≤ 220 kB) is checked by npm test.
// Run alone: npx tsx bench/run.ts boards (BENCH_ROUNDS / BENCH_COMPANIES for a smaller dataset, BENCH_RUNS requests,
// BENCH_BOARDS_DB=postgres or BENCH_BOARDS_PG=off for one database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openAtlas } from '../db/connection';
import { ensureBuild, startApp } from './app-server';
import { ensureDataset } from './dataset';
import { ms, stats, stop, timeFetch, type Stats } from './measure';
import { BENCH_PG_URL, copyToPostgres, dropPgSchema, reusedPgSchema } from './pg-copy';
import { postgresAnswers } from './raw-driver';
import { recordTarget } from './targets';

const TARGET = 1.3;
const PORT = 3292;
const SCHEMA = 'bench_boards';

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

const SINGLES = TILES.map((tile) => `bench-${tile.id}`);

/** The whole board and each tile alone, written straight into the database (the dataset keeps no change log). */
async function writeBoards(url: string): Promise<void> {
  const { db } = openAtlas(url);
  const now = new Date().toISOString();
  const boards: [string, string, unknown[]][] = [['bench-all', 'All twelve tiles', TILES], ...TILES.map((tile): [string, string, unknown[]] => [`bench-${tile.id}`, `Only ${tile.id}`, [{ ...tile, x: 0, y: 0 }]])];
  try {
    await sql`delete from boards where id like 'bench-%'`.execute(db);
    for (const [id, title, tiles] of boards) {
      await sql`insert into boards (id, title, visibility, owner, tiles, version, created_at, updated_at)
        values (${id}, ${title}, 'team', 'bench', ${JSON.stringify(tiles)}, 1, ${now}, ${now})`.execute(db);
    }
  } finally {
    await db.destroy();
  }
}

/** CPU time the server process has used, every thread (Linux /proc, in ms; USER_HZ 100); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

type Timed = Stats & { cpu: number | null };

/** One request: its wall-clock time and the server's CPU time meanwhile (all its threads). */
async function sample(url: string, pid: number | undefined): Promise<{ wall: number; cpu: number | null }> {
  const before = cpuMs(pid);
  const wall = await timeFetch(url);
  const after = cpuMs(pid);
  return { wall, cpu: before === null || after === null ? null : after - before };
}

function timed(samples: { wall: number; cpu: number | null }[]): Timed {
  const cpus = samples.map((s) => s.cpu);
  const cpu = cpus.every((c): c is number => c !== null) ? cpus.reduce((a, b) => a + b, 0) / cpus.length : null;
  return { ...stats(samples.map((s) => s.wall)), cpu };
}

/** Wall-clock p50/p95 of the requests, and the server's CPU time per request (all its threads, this request alone). */
async function timeUrl(url: string, runs: number, pid: number | undefined): Promise<Timed> {
  for (let i = 0; i < 3; i++) await timeFetch(url);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await sample(url, pid));
  return timed(samples);
}

/**
 * The board and its slowest tile taken in turn, so that both meet the same machine: on a shared machine the load
 * drifts over the minutes that measuring twelve tiles one by one takes.
 */
async function inTurn(board: string, tile: string, runs: number, pid: number | undefined): Promise<{ board: Timed; tile: Timed }> {
  await timeFetch(tile);
  await timeFetch(board);
  const boards = [];
  const tiles = [];
  for (let i = 0; i < runs; i++) {
    tiles.push(await sample(tile, pid));
    boards.push(await sample(board, pid));
  }
  return { board: timed(boards), tile: timed(tiles) };
}

/** Lines of the report, each also printed at once (stderr) so that a long run shows where it is and a cut one keeps its figures. */
function reporter(lines: string[]) {
  return (line: string) => {
    lines.push(line);
    console.error(`[boards] ${line}`);
  };
}

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const row = (label: string, s: Timed) => `${label.padEnd(80)} ${ms(s.p50)} ${ms(s.p95)} ${s.cpu === null ? '' : ms(s.cpu)}`;
const boardUrl = (id: string) => `http://127.0.0.1:${PORT}/api/v1/boards/${id}/data`;


/** Every tile alone, then the whole board in turn with its slowest tile, on one server; records the target. */
async function measure(database: 'sqlite' | 'postgres', url: string, runs: number, lines: string[]): Promise<void> {
  const say = reporter(lines);
  const app = await startApp(url, PORT);
  let slowest: { id: string; p50: number } | null = null;
  let serial = 0;
  let paired: { board: Timed; tile: Timed };
  try {
    say(`${database}: load average ${load()} at start`);
    for (const [i, id] of SINGLES.entries()) {
      const s = await timeUrl(boardUrl(id), runs, app.pid);
      const tile = TILES[i];
      say(row(`  ${tile.id} ${tile.kind} ${tile.path}${'chart' in tile ? ` (${tile.chart})` : ''}${'metric' in tile ? ` (${tile.metric})` : ''}`, s));
      serial += s.p50;
      if (!slowest || s.p50 > slowest.p50) slowest = { id: tile.id, p50: s.p50 };
    }
    if (!slowest) throw new Error('no tile measured');
    say(`  the tiles one after another (their p50s above added): ${serial.toFixed(0)} ms`);
    paired = await inTurn(boardUrl('bench-all'), boardUrl(`bench-${slowest.id}`), runs, app.pid);
    say(row(`  the slowest tile alone (${slowest.id}), taken in turn with the board`, paired.tile));
    say(row('  the whole board (12 tiles), taken in turn with its slowest tile', paired.board));
  } finally {
    stop(app);
  }
  if (database === 'sqlite') {
    // The same board with every tile on the main connection, as before the read pool: what running side by side gains.
    const single = await startApp(url, PORT, { ATLAS_READ_WORKERS: '0' });
    try {
      say(row('  the whole board, ATLAS_READ_WORKERS=0 (every tile on the main connection)', await timeUrl(boardUrl('bench-all'), runs, single.pid)));
    } finally {
      stop(single);
    }
  }
  const { board: all, tile } = paired;
  const ratio = all.p50 / tile.p50;
  const pass = ratio <= TARGET;
  if (all.cpu !== null && tile.cpu !== null && tile.cpu > 0) {
    // Side by side needs idle cores: on a busy machine the kernel shares CPU out per session, not per thread.
    const floor = Math.max(tile.cpu, all.cpu / os.cpus().length);
    say(`  CPU per request: the board ${all.cpu.toFixed(0)} ms, its slowest tile alone ${tile.cpu.toFixed(0)} ms (${(all.cpu / tile.cpu).toFixed(2)}×); on ${os.cpus().length} idle cores the board needs at least ${floor.toFixed(0)} ms (${(floor / tile.cpu).toFixed(2)}× the tile's CPU)`);
  }
  say(`  board ÷ slowest tile alone (${slowest.id}), p50 in turn: ${ratio.toFixed(2)}× — target ≤ ${TARGET}×: ${pass ? 'PASS' : 'FAIL'} (load average ${load()} at end)`);
  recordTarget({
    issue: '17',
    target: 'board data p50 ÷ its slowest tile alone',
    database,
    measured: `${ratio.toFixed(2)}×`,
    limit: `≤ ${TARGET}×`,
    pass,
    baseline: `board ${all.p50.toFixed(0)} ms, slowest tile (${slowest.id}) ${tile.p50.toFixed(0)} ms`,
  });
}

export async function benchBoards(options: { rounds: number; companies: number; runs?: number }): Promise<string[]> {
  const file = path.resolve('bench/out/concentration.db');
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  const runs = options.runs ?? Number(process.env.BENCH_RUNS ?? 15);
  ensureBuild();
  const lines = [
    `boards: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies; p50/p95 of ${runs} requests after 3 warm-ups, one at a time; ${os.cpus().length} CPUs`,
    `${''.padEnd(80)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'CPU/req'.padStart(10)}`,
    'CPU/req: the server process\'s CPU time per request, all its threads (workers included), from /proc',
  ];
  await writeBoards(file);
  // BENCH_BOARDS_DB=postgres measures PostgreSQL alone (for iterating; npm run bench runs both).
  if (process.env.BENCH_BOARDS_DB === 'postgres') lines.push('sqlite: skipped (BENCH_BOARDS_DB=postgres)');
  else await measure('sqlite', file, runs, lines);
  if (process.env.BENCH_BOARDS_PG === 'off' || !(await postgresAnswers())) {
    lines.push(`postgres: ${process.env.BENCH_BOARDS_PG === 'off' ? 'skipped (BENCH_BOARDS_PG=off)' : `${BENCH_PG_URL} does not answer: skipped`}`);
    return lines;
  }
  const copied = performance.now();
  const reused = reusedPgSchema();
  const url = reused ?? (await copyToPostgres(file, SCHEMA));
  lines.push(reused ? `postgres: the copy in schema ${process.env.BENCH_PG_SCHEMA} (BENCH_PG_SCHEMA)` : `postgres: the rows copied into schema ${SCHEMA} in ${((performance.now() - copied) / 1000).toFixed(0)} s`);
  try {
    await writeBoards(url);
    await measure('postgres', url, runs, lines);
  } finally {
    if (!reused) await dropPgSchema(SCHEMA).catch(() => undefined);
  }
  return lines;
}
