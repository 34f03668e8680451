import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { start, waitFor } from './measure';

const DIST = '.next-bench';

/** A production build of the current code in its own folder (so a running dev build is not disturbed). */
export function ensureBuild(): void {
  if (process.env.BENCH_SKIP_BUILD === '1' && fs.existsSync(`${DIST}/BUILD_ID`)) return;
  console.log('building the app for the benchmark (next build)…');
  execFileSync('npx', ['next', 'build'], { env: { ...process.env, ATLAS_DIST_DIR: DIST }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Start the production server as `npm start` runs it (scripts/serve.mjs) on a database file, unseeded, and wait until it answers. */
export async function startApp(dbFile: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = start('node', ['scripts/serve.mjs', '-p', String(port), '-H', '127.0.0.1'], { ATLAS_DIST_DIR: DIST, DATABASE_URL: dbFile, ATLAS_SEED: 'off', NODE_ENV: 'production', ...env });
  await waitFor(`http://127.0.0.1:${port}/api/health`);
  return child;
}
