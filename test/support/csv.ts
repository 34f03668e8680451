import * as list from '../../app/api/v1/[collection]/route';
import * as importRoute from '../../app/api/v1/[collection]/import/route';
import * as imports from '../../app/api/v1/imports/route';
import * as undoRoute from '../../app/api/v1/imports/[batchId]/undo/route';
import * as jobRoute from '../../app/api/v1/import-jobs/[id]/route';
import type { ImportBatch, ImportJob, ImportResult } from '../../lib/csv/import-types';
import { call, type Reply } from './http';

// Helpers for the CSV tests: post a file (text, bytes or a stream) to the import route, read an export.

export type ImportReply = ImportResult & { error?: { message: string; param?: string } };

export async function postCsv(
  collection: string,
  body: string | Uint8Array | ReadableStream<Uint8Array> | FormData,
  query = '',
  headers: Record<string, string> = { 'content-type': 'text/csv' },
): Promise<Reply<ImportReply & Partial<ImportJob>>> {
  const url = new URL(`/api/v1/${collection}/import${query ? `?${query}` : ''}`, 'http://localhost:3000');
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', body: body as BodyInit, headers: body instanceof FormData ? {} : headers };
  if (body instanceof ReadableStream) init.duplex = 'half';
  const response = await importRoute.POST(new Request(url, init), { params: Promise.resolve({ collection }) });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as ImportReply & Partial<ImportJob>, headers: response.headers, text };
}

type JobReply = Reply<ImportJob & { error: ImportJob['error'] | { message: string } }>;

/** GET /api/v1/import-jobs/{id} (the id as given, hostile or not). */
export const getJob = (id: string, headers: Record<string, string> = {}): Promise<JobReply> => call(jobRoute.GET, `/api/v1/import-jobs/${encodeURIComponent(id)}`, { id }, { headers });

/** DELETE /api/v1/import-jobs/{id}: cancel the job. */
export const cancelJob = (id: string, headers: Record<string, string> = {}): Promise<JobReply> =>
  call(jobRoute.DELETE, `/api/v1/import-jobs/${encodeURIComponent(id)}`, { id }, { method: 'DELETE', headers });

/** Poll a job until `done(job)` holds (default: it has ended); fails after `timeoutMs`. */
export async function untilJob(id: string, done: (job: ImportJob) => boolean = (job) => job.state !== 'running', timeoutMs = 60_000, headers: Record<string, string> = {}): Promise<ImportJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await getJob(id, headers);
    if (reply.status !== 200) throw new Error(`GET job ${id}: ${reply.status} ${reply.text.slice(0, 300)}`);
    if (done(reply.body)) return reply.body;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${reply.body.state} after ${timeoutMs} ms: ${reply.text.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** GET /api/v1/{collection}.csv; `text` is the body decoded with its BOM kept (Response.text() drops it). */
export async function getCsv(collection: string, query = ''): Promise<Reply<string>> {
  const url = new URL(`/api/v1/${collection}.csv${query ? `?${query}` : ''}`, 'http://localhost:3000');
  const response = await list.GET(new Request(url), { params: Promise.resolve({ collection: `${collection}.csv` }) });
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { status: response.status, body: text, headers: response.headers, text };
}

export async function undoImport(batchId: string): Promise<Reply<ImportBatch & { error?: { message: string } }>> {
  return call(undoRoute.POST, `/api/v1/imports/${batchId}/undo`, { batchId }, { method: 'POST' });
}

export async function importHistory(): Promise<ImportBatch[]> {
  return (await call(imports.GET, '/api/v1/imports', {})).body.rows as ImportBatch[];
}

export async function listAll<T = Record<string, unknown>>(collection: string, query = ''): Promise<T[]> {
  const reply = await call(list.GET, `/api/v1/${collection}?pageSize=1000${query ? `&${query}` : ''}`, { collection });
  return reply.body.rows as T[];
}

/** CSV text from lines of cells written as they should appear (no quoting added). */
export const lines = (...rows: string[]) => rows.join('\r\n') + '\r\n';

/** Rejections without their translation code and parameters, to compare with the messages. */
export const brief = (rejected: ImportResult['rejected']) => rejected.map(({ line, column, value, message }) => ({ line, column, value, message }));
