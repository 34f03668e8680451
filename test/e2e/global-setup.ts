import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './instance';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the app under test answers, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseURL: string;
    /** An origin the server lets frame its share pages (ATLAS_EMBED_ORIGINS); security.e2e.ts serves it. */
    embedOrigin: string;
  }
}

const ROOT = path.resolve(__dirname, '../..');
const STARTUP_TIMEOUT_MS = 90_000;


async function waitForHealth(baseURL: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode} before answering\n${log()}`);
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(30_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET ${baseURL}/api/health did not answer 200 within ${STARTUP_TIMEOUT_MS / 1000}s (last: ${last})\n${log()}`);
}

/**
 * Start the production server once for all browser tests: `next start` on a free port, on a fresh temporary
 * SQLite file that the app migrates and fills with the seed data on its first request.
 * ATLAS_E2E_BASE_URL=http://… skips this and tests a server that is already running.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.ATLAS_E2E_BASE_URL;
  if (external) {
    project.provide('baseURL', external.replace(/\/$/, ''));
    project.provide('embedOrigin', process.env.ATLAS_EMBED_ORIGINS?.split(/[\s,]+/)[0] ?? '');
    return async () => {};
  }

  const distDir = process.env.ATLAS_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    throw new Error(`no production build in ${distDir}/: run \`npx next build\` first (with the same ATLAS_DIST_DIR)`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const embedOrigin = `http://127.0.0.1:${await freePort()}`;
  const logFile = path.join(tmp, 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  const server = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: path.join(tmp, 'atlas.db'),
      ATLAS_SEED: 'on',
      PORT: String(port),
      NODE_ENV: 'production',
      ATLAS_EMBED_ORIGINS: embedOrigin,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    // Same process group as the test run: a Ctrl-C or a kill of the run's group ends the server too.
    stdio: ['ignore', logFd, logFd],
  });
  // If the run ends without teardown (an uncaught error, process.exit), do not leave the server behind.
  const killOnExit = () => {
    if (server.exitCode === null) server.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const log = () => `--- server log (${logFile}) ---\n${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : ''}`;

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(logFd);
    // Keep the server's output where a person looks after a failed run (test-results/ is git-ignored).
    const kept = path.join(ROOT, process.env.ATLAS_TEST_RESULTS || 'test-results', 'e2e-server.log');
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    fs.copyFileSync(logFile, kept);
    if (process.env.ATLAS_E2E_KEEP) console.log(`e2e: kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseURL, server, log);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('baseURL', baseURL);
  project.provide('embedOrigin', embedOrigin);
  return stop;
}
