import fs from 'node:fs';
import { Readable } from 'node:stream';
import * as list from '../app/api/v1/[collection]/route';
import * as importRoute from '../app/api/v1/[collection]/import/route';
import * as jobRoute from '../app/api/v1/import-jobs/[id]/route';
import { closeAtlas, getAtlas } from '../db/connection';
import type { ImportJob, ImportResult } from '../lib/csv/import-types';
import { clock, runChild, type Measured } from './csv-measure';

type ImportReply = Partial<ImportResult> & Partial<Omit<ImportJob, 'error'>> & { error?: { status?: number } | null };

// The app's side of the CSV benchmark, run in a child process by bench/csv.ts: the real route handlers, the
// file streamed in as the request body, the export streamed out to a file.

/** The app: POST /api/v1/investments/import with the file streamed as the request body. */
export async function atlasImport(dbFile: string, csvFile: string): Promise<Measured> {
  process.env.DATABASE_URL = dbFile;
  process.env.ATLAS_SEED = 'off';
  process.env.ATLAS_MAX_UPLOAD_MB = '10000';
  await getAtlas();
  const elapsed = clock();
  const body = Readable.toWeb(fs.createReadStream(csvFile)) as ReadableStream<Uint8Array>;
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers: { 'content-type': 'text/csv' }, duplex: 'half' };
  const response = await importRoute.POST(new Request('http://localhost/api/v1/investments/import', init), { params: Promise.resolve({ collection: 'investments' }) });
  let status = response.status;
  let result = (await response.json()) as ImportReply;
  // A long import answers 202 with a job: follow it as a client would, once a second.
  while (status === 202 && result.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const id = String(result.id);
    result = (await (await jobRoute.GET(new Request(`http://localhost/api/v1/import-jobs/${id}`), { params: Promise.resolve({ id }) })).json()) as ImportReply;
  }
  if (status === 202) {
    status = result.state === 'done' ? (result.resultStatus ?? 0) : result.error?.status ?? 0;
    result = result.result ?? result;
  }
  const time = elapsed();
  await closeAtlas();
  if (status !== 200 || result.rejectedRows) throw new Error(`import failed: ${status} ${JSON.stringify(result).slice(0, 500)}`);
  return { rows: result.inserted ?? 0, ...time };
}

/** The app: GET /api/v1/investments.csv, the streamed body written to a file (rows: counted by the caller). */
export async function atlasExport(dbFile: string, outFile: string): Promise<Measured> {
  process.env.DATABASE_URL = dbFile;
  process.env.ATLAS_SEED = 'off';
  await getAtlas();
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
if (require.main === module) runChild({ atlasImport, atlasExport });
