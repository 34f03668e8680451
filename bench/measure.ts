import { spawn, type ChildProcess } from 'node:child_process';

export interface Stats {
  p50: number;
  p95: number;
  mean: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

/**
 * Both servers are asked for the same bytes: `identity`, because fetch would otherwise ask for gzip, which
 * Next.js applies to the app's JSON and the bare server does not (compression is the proxy's choice, not the
 * query path's).
 */
export const SAME_BYTES: RequestInit = { headers: { 'accept-encoding': 'identity' } };

export async function timeFetch(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, SAME_BYTES);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - start;
}

/** Time a GET repeatedly after a warm-up. */
export async function sample(url: string, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await timeFetch(url);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await timeFetch(url));
  return out;
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

export function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], detached: true });
}

export function stop(child: ChildProcess): void {
  if (child.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

/** Milliseconds of each of `runs` calls of `fn`, after `warmup` calls not counted. */
export async function timeRuns(fn: () => Promise<unknown> | unknown, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

export const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;

/**
 * Milliseconds of `runs` calls each of `a` and `b`, called alternately (a, b, a, b…) after `warmup` calls of each
 * not counted, so that both see the same machine load: the app and its raw twin are compared from one run.
 */
export async function timeAlternately(a: () => Promise<unknown> | unknown, b: () => Promise<unknown> | unknown, runs: number, warmup = 2): Promise<[number[], number[]]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await a();
    first.push(performance.now() - started);
    started = performance.now();
    await b();
    second.push(performance.now() - started);
  }
  return [first, second];
}
