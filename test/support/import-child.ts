// Run by test/integration/csv-kill.test.ts in its own process: a large import into DATABASE_URL, as a job
// (ATLAS_IMPORT_SYNC_MS=0), followed until it has written a few batches inside its transaction; then the process
// says "paused" on stdout and stops dead (its one thread blocked), so the test can kill it mid-transaction.
import fs from 'node:fs';
import * as route from '../../app/api/v1/[collection]/import/route';
import * as jobRoute from '../../app/api/v1/import-jobs/[id]/route';

const rows = Number(process.argv[2] ?? 20000);
/** companies (the default) or investments: rounds of the fixtures' companies, each with a participant. */
const collection = process.argv[3] === 'investments' ? 'investments' : 'companies';
process.env.ATLAS_IMPORT_SYNC_MS = '0';

function body(): string {
  const lines = [collection === 'investments' ? 'id,company_id,round_type,announced_on,investors,notes' : 'id,name,kind,country'];
  for (let i = 0; i < rows; i++) lines.push(collection === 'investments' ? `killed-r-${i},harvey,seed,2020-01-01,sequoia,Killed ${i}` : `killed-${i},Killed ${i},builder,US`);
  return `${lines.join('\r\n')}\r\n`;
}

async function main() {
  const init = { method: 'POST', body: body(), headers: { 'content-type': 'text/csv' } };
  const response = await route.POST(new Request(`http://localhost/api/v1/${collection}/import`, init), { params: Promise.resolve({ collection }) });
  if (response.status !== 202) throw new Error(`expected a job (202), got ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  for (;;) {
    const reply = await jobRoute.GET(new Request(`http://localhost/api/v1/import-jobs/${id}`), { params: Promise.resolve({ id }) });
    const job = (await reply.json()) as { state: string; progress: { inserted: number } };
    if (job.state !== 'running') throw new Error(`the job ended (${job.state}) before the test could kill it`);
    if (job.progress.inserted >= 500) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  fs.writeSync(1, 'paused\n');
  // Stop dead inside the transaction: nothing runs in this process any more until it is killed.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  fs.writeSync(1, 'finished\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
