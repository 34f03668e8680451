import 'server-only';
import { runImport } from '@/db/import';
import type { Collection } from '@/lib/collections/types';
import { TextSource, tooLarge } from '@/lib/csv/decode';
import { multipartFile } from '@/lib/csv/multipart';
import { parseImportOptions } from '@/lib/csv/params';
import { readEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { json, type HandlerContext } from './respond';

// POST /api/v1/{collection}/import: the body is the CSV itself or a multipart form with a `file` field.
// Either way the body is read as a stream, never whole, and the size limit is enforced before and while reading.

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

export async function importCsv(request: Request, collection: Collection, { atlas, actor }: HandlerContext): Promise<Response> {
  const options = parseImportOptions(new URL(request.url).searchParams);
  const maxBytes = readEnv().ATLAS_MAX_UPLOAD_MB * 1024 * 1024;
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
  const source = new TextSource(stream, { encoding: options.encoding, maxBytes });
  const result = await runImport(atlas, collection, source.text(), { ...options, filename }, { actor });
  const body = { ...result, encoding: source.encoding ?? 'utf-8' };
  const failed = !options.dryRun && options.onError === 'abort' && result.rejectedRows > 0;
  return json(body, failed ? 422 : 200);
}
