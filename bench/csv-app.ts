import fs from 'node:fs';
import { Readable } from 'node:stream';
import * as list from '../app/api/v1/[collection]/route';
import * as one from '../app/api/v1/[collection]/[id]/route';
import * as importRoute from '../app/api/v1/[collection]/import/route';
import * as jobRoute from '../app/api/v1/import-jobs/[id]/route';
import * as undoRoute from '../app/api/v1/imports/[batchId]/undo/route';
import { closeAtlas, getAtlas } from '../db/connection';
import type { ImportJob, ImportResult } from '../lib/csv/import-types';
import { clock, runChild, type Measured } from './csv-measure';

type ImportReply = Partial<ImportResult> & Partial<Omit<ImportJob, 'error'>> & { error?: { status?: number } | null };

// The app's side of the CSV benchmark, run in a child process by bench/csv.ts: the real route handlers, the
// file streamed in as the request body, the export streamed out to a file. `db` is a SQLite file or a
// PostgreSQL URL.

const EDIT_EVERY_MS = 250;
const ROUNDS = ['seed', 'series_a', 'series_b', 'strategic'];

async function open(db: string): Promise<void> {
  process.env.DATABASE_URL = db;
  process.env.ATLAS_SEED = 'off';
  process.env.ATLAS_MAX_UPLOAD_MB = '10000';
  await getAtlas();
}

/** One edit of an existing round (issue 16 item 5): its type and notes, through PATCH. */
async function edit(n: number): Promise<{ ms: number; status: number }> {
  const id = `r-${String((n * 7919) % 1000).padStart(7, '0')}`;
  const started = performance.now();
  const reply = await one.PATCH(
    new Request(`http://localhost/api/v1/investments/${id}`, { method: 'PATCH', body: JSON.stringify({ round_type: ROUNDS[n % ROUNDS.length], notes: `edited during import ${n}` }), headers: { 'content-type': 'application/json' } }),
    { params: Promise.resolve({ collection: 'investments', id }) },
  );
  await reply.arrayBuffer();
  return { ms: performance.now() - started, status: reply.status };
}

/**
 * The app: POST /api/v1/investments/import with the file streamed as the request body, while a single-row edit
 * is sent every 250 ms (each after the one before answered) until the import answers.
 */
export async function atlasImport(db: string, csvFile: string): Promise<Measured> {
  await open(db);
  const elapsed = clock();
  const body = Readable.toWeb(fs.createReadStream(csvFile)) as ReadableStream<Uint8Array>;
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers: { 'content-type': 'text/csv' }, duplex: 'half' };
  let done = false;
  // A long import answers 202 with a job: follow it as a client would, once a second.
  const importing = (async () => {
    const response = await importRoute.POST(new Request('http://localhost/api/v1/investments/import', init), { params: Promise.resolve({ collection: 'investments' }) });
    let status = response.status;
    let result = (await response.json()) as ImportReply;
    while (status === 202 && result.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const id = String(result.id);
      result = (await (await jobRoute.GET(new Request(`http://localhost/api/v1/import-jobs/${id}`), { params: Promise.resolve({ id }) })).json()) as ImportReply;
    }
    if (status === 202) {
      status = result.state === 'done' ? (result.resultStatus ?? 0) : (result.error?.status ?? 0);
      result = result.result ?? result;
    }
    return { status, result };
  })().finally(() => (done = true));
  const edits: number[] = [];
  const failed: number[] = [];
  const editing = (async () => {
    for (let n = 0; !done; n++) {
      await new Promise((r) => setTimeout(r, EDIT_EVERY_MS));
      if (done) break;
      const { ms, status } = await edit(n);
      (status === 200 ? edits : failed).push(Math.round(ms));
    }
  })();
  const { status, result } = await importing;
  const time = elapsed();
  await editing;
  await closeAtlas();
  if (status !== 200 || result.rejectedRows) throw new Error(`import failed: ${status} ${JSON.stringify(result).slice(0, 500)}`);
  return { rows: result.inserted ?? 0, ...time, detail: { batchId: result.batchId ?? '', edits, failedEdits: failed } };
}

/** The app: POST /api/v1/imports/{batchId}/undo (the batch id comes as the "file" argument). */
export async function atlasUndo(db: string, batchId: string): Promise<Measured> {
  await open(db);
  const elapsed = clock();
  const response = await undoRoute.POST(new Request(`http://localhost/api/v1/imports/${batchId}/undo`, { method: 'POST' }), { params: Promise.resolve({ batchId }) });
  const text = await response.text();
  const time = elapsed();
  await closeAtlas();
  if (response.status !== 200) throw new Error(`undo failed: ${response.status} ${text.slice(0, 500)}`);
  return { rows: 0, ...time };
}

/** The app: GET /api/v1/investments.csv, the streamed body written to a file (rows: counted by the caller). */
export async function atlasExport(db: string, outFile: string): Promise<Measured> {
  await open(db);
  const elapsed = clock();
  const response = await list.GET(new Request('http://localhost/api/v1/investments.csv'), { params: Promise.resolve({ collection: 'investments.csv' }) });
  if (!response.body || response.status !== 200) throw new Error(`export failed: ${response.status} ${await response.text()}`);
  const out = fs.createWriteStream(outFile);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  const time = elapsed();
  await closeAtlas();
  return { rows: 0, ...time, bytes };
}

if (require.main === module) runChild({ atlasImport, atlasUndo, atlasExport });
