// Load figures (issue 19, item 2): requests/s and p50/p95/p99 of a list, a facet and the concentration
// endpoint under concurrent load — one instance on SQLite, one and three instances on one PostgreSQL — from a
// bounded loop of our own on loopback (every request counted; any non-2xx or network error is an error).
// Run alone: npx tsx bench/run.ts load   (BENCH_LOAD_REQUESTS per endpoint, BENCH_LOAD_CONCURRENCY workers)
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild, startApp } from './app-server';
import { ensureDataset } from './dataset';
import { SAME_BYTES, stop } from './measure';
import { copyToPostgres, dropPgSchema } from './pg-copy';

const ENDPOINTS = [
  { label: 'list', path: '/api/v1/investments?sort=announced_on&order=desc&round_type=seed' },
  { label: 'facet', path: '/api/v1/investments/facets?facet=round_type&facet=confidence' },
  { label: 'concentration', path: '/api/v1/concentration?basis=funding&layer=foundation' },
];
const SCHEMA = 'bench_load';
const PORTS = [3295, 3296, 3297];

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** `requests` GETs of `path` spread round-robin over `bases` by `concurrency` workers; latency of each. */
export async function load(bases: string[], path: string, requests: number, concurrency: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      const n = next++;
      const started = performance.now();
      try {
        const response = await fetch(`${bases[n % bases.length]}${path}`, SAME_BYTES);
        await response.arrayBuffer();
        if (!response.ok) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { requests, perSecond: requests / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}

export async function benchLoad(options: { rounds: number; companies: number }): Promise<string[]> {
  const requests = Number(process.env.BENCH_LOAD_REQUESTS ?? 600);
  const concurrency = Number(process.env.BENCH_LOAD_CONCURRENCY ?? 8);
  const file = path.resolve('bench/out/load.db');
  await ensureDataset(file, { companies: options.companies, rounds: options.rounds });
  ensureBuild();
  const lines = [
    `load: ${options.rounds.toLocaleString('en-US')} rounds, ${options.companies.toLocaleString('en-US')} companies; ${requests} requests per endpoint and setup, ${concurrency} concurrent, round-robin over the instances, after ${concurrency * 2} warm-up requests`,
    `instances: npm start's server (scripts/serve.mjs, production build, .next-bench); the load loop runs in this process on the same machine (${os.cpus().length} CPUs, load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`,
    '',
    `${'setup'.padEnd(26)} ${'endpoint'.padEnd(14)} ${'req/s'.padStart(8)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)} ${'errors'.padStart(7)}`,
  ];
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(10);
  let errors = 0;
  const measure = async (setup: string, bases: string[]) => {
    for (const endpoint of ENDPOINTS) {
      await load(bases, endpoint.path, concurrency * 2, concurrency);
      const f = await load(bases, endpoint.path, requests, concurrency);
      errors += f.errors;
      lines.push(`${setup.padEnd(26)} ${endpoint.label.padEnd(14)} ${f.perSecond.toFixed(0).padStart(8)} ${ms(f.p50)} ${ms(f.p95)} ${ms(f.p99)} ${String(f.errors).padStart(7)}`);
    }
  };

  const running: ChildProcess[] = [];
  try {
    running.push(await startApp(file, PORTS[0]));
    await measure('SQLite, 1 instance', [`http://127.0.0.1:${PORTS[0]}`]);
    stop(running.pop()!);

    const url = await copyToPostgres(file, SCHEMA);
    running.push(await startApp(url, PORTS[0]));
    await measure('PostgreSQL, 1 instance', [`http://127.0.0.1:${PORTS[0]}`]);
    running.push(...(await Promise.all(PORTS.slice(1).map((port) => startApp(url, port)))));
    await measure('PostgreSQL, 3 instances', PORTS.map((port) => `http://127.0.0.1:${port}`));
  } finally {
    for (const child of running) stop(child);
    await dropPgSchema(SCHEMA).catch(() => undefined);
  }
  lines.push('', `errors: ${errors} (must be 0) — ${errors === 0 ? 'PASS' : 'FAIL'}`);
  lines.push('the instances, PostgreSQL and this load loop share one machine: the figures are of that machine at that moment, not of a deployment');
  if (errors > 0) process.exitCode = 1;
  return lines;
}
