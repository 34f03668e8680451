// Production instances for the tests that need processes of their own (graceful shutdown, several
// instances on one PostgreSQL): `node scripts/serve.mjs` (what `npm start` runs) on the build, on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface Instance {
  baseURL: string;
  port: number;
  process: ChildProcess;
  /** The exit code (null when ended by a signal), once the process has ended. */
  exited: Promise<number | null>;
  log: () => string;
  /** SIGKILL if still running (for cleanup after a failure). */
  kill: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function requireBuild(): void {
  const distDir = process.env.ATLAS_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) throw new Error(`no production build in ${distDir}/: run \`npx next build\` first`);
}

/** Start an instance (not waiting for it): `env` adds to the test's environment (DATABASE_URL, …). */
export async function startInstance(env: Record<string, string>, name = 'instance'): Promise<Instance> {
  const port = await freePort();
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `atlas-${name}-`)), 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ATLAS_SEED: 'off', NEXT_TELEMETRY_DISABLED: '1', ATLAS_SIGNIN_DELAY_MS: '0', ...env, PORT: String(port) },
    stdio: ['ignore', logFd, logFd],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => fs.closeSync(logFd));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  return { baseURL: `http://127.0.0.1:${port}`, port, process: child, exited, kill, log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : '') };
}

/** Wait until the instance's /api/health answers 200. */
export async function waitHealthy(instance: Instance, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null) throw new Error(`the instance exited with code ${instance.process.exitCode}\n${instance.log()}`);
    try {
      const response = await fetch(`${instance.baseURL}/api/health`, { signal: AbortSignal.timeout(30_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${instance.baseURL}/api/health did not answer 200 within ${timeoutMs / 1000}s (last: ${last})\n${instance.log()}`);
}

/** Whether a new TCP connection to the port is refused. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
