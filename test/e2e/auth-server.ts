// A private production server for the team-mode browser test. Creating a user turns a server into team
// mode, which would break every other browser test on the shared server, so this test starts its own:
// `next start` on the same build, on a free port, with its own fresh SQLite file holding the seed data and
// the users the test needs.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openAtlas } from '../../db/connection';
import { createUser } from '../../db/users';
import type { Role } from '../../lib/auth/roles';
import { freePort } from './instance';

const ROOT = path.resolve(__dirname, '../..');

export interface TeamServer {
  baseURL: string;
  stop: () => Promise<void>;
  log: () => string;
}


export async function startTeamServer(users: { email: string; password: string; role: Role }[]): Promise<TeamServer> {
  const distDir = process.env.ATLAS_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) throw new Error(`no production build in ${distDir}/`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-e2e-team-'));
  const databaseUrl = path.join(tmp, 'atlas.db');

  const atlas = openAtlas(databaseUrl);
  try {
    await migrateToLatest(atlas.db);
    for (const user of users) await createUser(atlas, user);
  } finally {
    await atlas.db.destroy();
  }

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const logFile = path.join(tmp, 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  const server: ChildProcess = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, ATLAS_SEED: 'on', PORT: String(port), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', logFd, logFd],
    detached: true,
  });
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : '');

  const stop = async () => {
    if (server.exitCode === null && server.pid) {
      const exited = new Promise((r) => server.once('exit', r));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-server.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(logFd);
    const kept = path.join(ROOT, process.env.ATLAS_TEST_RESULTS || 'test-results', 'e2e-team-server.log');
    fs.mkdirSync(path.dirname(kept), { recursive: true });
    fs.copyFileSync(logFile, kept);
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) {
      const text = log();
      await stop();
      throw new Error(`the team-mode server exited with code ${server.exitCode}\n${text}`);
    }
    try {
      // The first page request also seeds the database; wait for it so the tests see the data.
      const health = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(30_000) });
      if (health.status === 200) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`the team-mode server did not answer within 90 s\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseURL, stop, log };
}
