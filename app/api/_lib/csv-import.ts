import 'server-only';
import { liveView, outcomeWithin, startImportJob } from '@/db/import-job-runner';
import type { Collection } from '@/lib/collections/types';
import { tooLarge } from '@/lib/csv/decode';
import { multipartFile } from '@/lib/csv/multipart';
import { parseImportOptions } from '@/lib/csv/params';
import { readEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { json, type HandlerContext } from './respond';
import { spoolUpload } from './upload-spool';

// POST /api/v1/{collection}/import: the body is the CSV itself or a multipart form with a `file` field.
// Either way the body is read as a stream, never whole, and the size limit is enforced before and while reading.
// The file is written to a temporary file as it arrives, then imported: an import done within
// ATLAS_IMPORT_SYNC_MS answers as before (200, or 422 / 4xx); a longer one answers 202 with a job to follow
// (GET /api/v1/import-jobs/{id}) and goes on in the background (docs/decisions/031-import-jobs.md).

const RAW_TYPES = new Set(['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream', 'application/vnd.ms-excel']);

const unsupported = (type: string) =>
  new ApiError(415, `a CSV import takes the file as the body (Content-Type: text/csv) or as the "file" field of multipart/form-data, not ${type}`);

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

/** A copy of the stream that fails with a 413 once more than maxBytes went through. */
function limited(stream: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(tooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
}

export const jobLocation = (id: string) => `/api/v1/import-jobs/${id}`;

export async function importCsv(request: Request, collection: Collection, { atlas, actor }: HandlerContext): Promise<Response> {
  // An alert rule's webhook is checked, and its secret kept, by the API's one-row writes (app/api/_lib/alert-writes.ts).
  if (collection.id === 'alerts') throw new ApiError(422, 'alert rules are not imported from CSV: create them one by one (POST /api/v1/alerts), so that each webhook is checked', { param: 'collection' });
  const options = parseImportOptions(new URL(request.url).searchParams);
  const env = readEnv();
  const maxBytes = env.ATLAS_MAX_UPLOAD_MB * 1024 * 1024;
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  let stream: ReadableStream<Uint8Array>;
  let filename = options.filename;
  if (type === 'multipart/form-data') {
    const file = await multipartFile(limited(request.body ?? emptyStream(), maxBytes), request.headers.get('content-type') ?? type);
    stream = file.stream;
    filename ??= file.filename;
  } else if (type === '' || RAW_TYPES.has(type)) {
    stream = request.body ?? emptyStream();
  } else {
    throw unsupported(type);
  }
  const file = await spoolUpload(stream, maxBytes);
  const job = startImportJob(atlas, { collection, options: { ...options, filename }, actor, file, maxBytes });
  const outcome = await outcomeWithin(job, env.ATLAS_IMPORT_SYNC_MS);
  if (outcome?.state === 'done') return json(outcome.result, outcome.status);
  if (outcome?.state === 'failed' && outcome.thrown instanceof ApiError) throw outcome.thrown;
  if (outcome?.state === 'failed') return json({ error: { code: outcome.error.code, message: outcome.error.message } }, outcome.error.status);
  // Another instance may be asked about the job next: its row must exist first (at once on PostgreSQL; SQLite
  // writes it when the writer is free, and this process answers for the job until then).
  if (atlas.dialect === 'postgres') await job.recorded;
  return json(liveView(job), 202, { Location: jobLocation(job.start.id), 'Retry-After': '1' });
}
