// npm start: the production server — `next start` plus a graceful shutdown (docs/decisions/018-graceful-shutdown.md).
// On SIGTERM (or SIGINT) it stops accepting connections, lets the requests in flight and the import jobs running
// (docs/decisions/031-import-jobs.md) finish for up to ATLAS_SHUTDOWN_MS (default 10 s), cuts what is left (the
// database rolls back an unfinished transaction when its connection closes; a cut job is reported failed), closes
// the database pool and exits 0.
//
//   node scripts/serve.mjs [-p PORT] [-H HOSTNAME]   (defaults: $PORT or 3000; all interfaces)
//
// Plain JavaScript so that it runs without a build step or dev dependencies.
import http from 'node:http';
import { fileURLToPath } from 'node:url';

process.env.NODE_ENV = 'production';

function option(names, fallback) {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => names.includes(a));
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
}

function shutdownMs() {
  const raw = process.env.ATLAS_SHUTDOWN_MS;
  if (raw === undefined || raw === '') return 10_000;
  const ms = Number(raw);
  // The same rule as lib/env.ts (which the app checks when it starts); checked here because this runs first.
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) {
    console.error(`invalid environment: ATLAS_SHUTDOWN_MS: a whole number of milliseconds from 0 to 600000 (got ${JSON.stringify(raw)})`);
    process.exit(1);
  }
  return ms;
}

const port = Number(option(['-p', '--port'], process.env.PORT || '3000'));
const hostname = option(['-H', '--hostname'], undefined);
const graceMs = shutdownMs();
const log = (message) => console.log(`atlas: ${message}`);
// db/import-job-runner.ts registers the import jobs of this process here once the first one starts.
const jobsRunning = () => globalThis.__atlasImportJobs?.running() ?? 0;

/**
 * A response that is complete within one turn of the event loop goes out in one write to the socket. Next.js sends
 * a route's answer as its headers (flushHeaders), then the body's chunks, then the end of a chunked body: three
 * writes, each waking the client, which on a busy machine costs the server its CPU for a while
 * (docs/decisions/037-framework-overhead.md). The socket is corked for the turn (Node's own way to gather writes);
 * a response still writing after it (a page streamed as it renders, a CSV export) streams from there on.
 */
function sendWhole(socket) {
  socket.cork();
  setImmediate(() => socket.uncork());
}

async function main() {
  // Imported only now, after NODE_ENV is set, as `next start` does.
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: fileURLToPath(new URL('..', import.meta.url)), hostname: hostname ?? 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();

  let stopping = false;
  let inFlight = 0;
  let drained = () => {};

  const server = http.createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (stopping) {
        // The connection of a finished response is idle now: close it rather than keep it alive.
        setImmediate(() => server.closeIdleConnections());
        if (inFlight === 0) drained();
      }
    });
    if (stopping) res.setHeader('Connection', 'close');
    sendWhole(res.socket);
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function stop(signal) {
    if (stopping) return;
    stopping = true;
    // The delivery sender (db/delivery-sender.ts) claims nothing more from now on; sends in flight get the grace period.
    const deliveriesStopped = globalThis.__atlasDeliveries?.stop(Date.now() + graceMs).catch((error) => console.error(error));
    server.close();
    server.closeIdleConnections();
    // Logged only once the listening socket is closed: whoever reads this line may rely on a refused connect.
    log(`${signal}: no new connections; waiting up to ${graceMs} ms for ${inFlight} request(s) in flight and ${jobsRunning()} import job(s)`);
    const deadline = Date.now() + graceMs;
    if (inFlight > 0) {
      await new Promise((resolve) => {
        drained = resolve;
        setTimeout(resolve, graceMs).unref();
      });
    }
    // Import jobs answered 202 already and go on without a request: they get the rest of the grace period.
    while (jobsRunning() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (inFlight > 0) {
      log(`cutting ${inFlight} request(s) still in flight after ${graceMs} ms (their transactions roll back)`);
      server.closeAllConnections();
    }
    if (jobsRunning() > 0) {
      log(`stopping ${jobsRunning()} import job(s) still running after ${graceMs} ms (rolled back; reported failed)`);
      const jobs = globalThis.__atlasImportJobs;
      await Promise.race([jobs.cut().catch((error) => console.error(error)), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    }
    // A send cut at the deadline gives its claim back (one statement): a little time for that, not more.
    await Promise.race([deliveriesStopped, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()) + 2_000).unref())]);
    // db/connection.ts registers how to close the database it opened (and the read pool's threads); an import still
    // writing is cut here.
    const closeDatabase = globalThis.__atlasClose;
    if (closeDatabase) {
      const closed = closeDatabase().then(
        () => true,
        (error) => {
          console.error(error);
          return true;
        },
      );
      if (!(await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve(false), 2_000).unref())]))) {
        log('the database did not close within 2000 ms; exiting anyway');
      }
    }
    log('stopped');
    process.exit(0);
  }
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, resolve);
  });
  log(`ready on http://${hostname ?? 'localhost'}:${port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
