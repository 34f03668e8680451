import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/errors';
import { boundaryOf, multipartFile } from '../../lib/csv/multipart';

async function formBody(form: FormData): Promise<{ bytes: Uint8Array; type: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type') ?? '' };
}

function chunked(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

describe('multipartFile', () => {
  const csv = 'id,name\r\na,"x\r\n--not-the-boundary"\r\n中文,😀\r\n';

  it('streams the file field, after other fields, in any chunking', async () => {
    const form = new FormData();
    form.append('note', 'first a text field');
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'rounds.csv');
    form.append('after', 'x');
    const { bytes, type } = await formBody(form);
    for (const size of [1, 7, 64, 100_000]) {
      const file = await multipartFile(chunked(bytes, size), type);
      expect(file.filename).toBe('rounds.csv');
      expect(await text(file.stream), `chunk ${size}`).toBe(csv);
    }
  });

  it('is a 400 without the field, or without a boundary', async () => {
    const form = new FormData();
    form.append('other', new Blob(['x']), 'x.csv');
    const { bytes, type } = await formBody(form);
    await expect(multipartFile(chunked(bytes, 10), type)).rejects.toMatchObject({ status: 400, details: { param: 'file' } });
    await expect(multipartFile(chunked(bytes, 10), 'multipart/form-data')).rejects.toMatchObject({ status: 400 });
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
  });

  it('is a 400 when the body ends inside the file', async () => {
    const form = new FormData();
    form.append('file', new Blob([csv]), 'cut.csv');
    const { bytes, type } = await formBody(form);
    const file = await multipartFile(chunked(bytes.slice(0, bytes.length - 60), 16), type);
    await expect(text(file.stream)).rejects.toMatchObject({ status: 400 });
  });
});

/** A multipart body written by hand, with a boundary the test chooses. */
function handBody(boundary: string, parts: { headers: string; content: string | Uint8Array }[]): Uint8Array {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [encoder.encode('preamble, ignored\r\n')];
  for (const part of parts) {
    pieces.push(encoder.encode(`--${boundary}\r\n${part.headers}\r\n\r\n`));
    pieces.push(typeof part.content === 'string' ? encoder.encode(part.content) : part.content);
    pieces.push(encoder.encode('\r\n'));
  }
  pieces.push(encoder.encode(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

function split(bytes: Uint8Array, at: number[]): ReadableStream<Uint8Array> {
  const cuts = [0, ...at, bytes.length];
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i + 1 < cuts.length; i++) controller.enqueue(bytes.slice(cuts[i], cuts[i + 1]));
      controller.close();
    },
  });
}

describe('multipartFile edge cases', () => {
  const boundary = 'XyZ-boundary-42';
  const type = `multipart/form-data; boundary=${boundary}`;
  // Content that holds every prefix of the delimiter but never the whole of it.
  const tricky = `id,name\r\na,"\r\n--XyZ-boundary-4"\r\nb,\r\n--XyZ\r\n\r\n-\r\nc,last`;

  it('finds the delimiter split across chunks at every offset, and near-misses stay content', async () => {
    const bytes = handBody(boundary, [{ headers: 'Content-Disposition: form-data; name="file"; filename="t.csv"', content: tricky }]);
    const end = Buffer.from(bytes).lastIndexOf(`\r\n--${boundary}--`);
    const opening = Buffer.from(bytes).indexOf(`--${boundary}`);
    const offsets = [...Array.from({ length: boundary.length + 6 }, (_, i) => end + i), ...Array.from({ length: boundary.length + 6 }, (_, i) => opening + i)];
    for (const at of offsets) {
      const file = await multipartFile(split(bytes, [at]), type);
      expect(await text(file.stream), `split at ${at}`).toBe(tricky);
    }
    for (const at of offsets) {
      const file = await multipartFile(split(bytes, [at - 3, at, at + 1]), type);
      expect(await text(file.stream), `split around ${at}`).toBe(tricky);
    }
  });

  it('skips text fields, a text field named "file" and a large field before the file', async () => {
    const large = 'x'.repeat(3 * 1024 * 1024);
    const bytes = handBody(boundary, [
      { headers: 'Content-Disposition: form-data; name="file"', content: 'not a file' },
      { headers: 'Content-Disposition: form-data; name="notes"', content: large },
      { headers: 'Content-Disposition: form-data; name="file"; filename="文件.csv"\r\nContent-Type: text/csv', content: tricky },
    ]);
    const chunks = Array.from({ length: Math.floor(bytes.length / 1000) }, (_, i) => (i + 1) * 1000);
    const file = await multipartFile(split(bytes, chunks), type);
    expect(file.filename).toBe('文件.csv');
    expect(await text(file.stream)).toBe(tricky);
  });

  it('reads an empty file, and a body that is all preamble is a 400 naming the field', async () => {
    const empty = handBody(boundary, [{ headers: 'Content-Disposition: form-data; name="file"; filename=""', content: '' }]);
    const file = await multipartFile(split(empty, []), type);
    expect(file.filename).toBeNull();
    expect(await text(file.stream)).toBe('');
    const noParts = new TextEncoder().encode('just some text, no boundary at all');
    await expect(multipartFile(split(noParts, [5]), type)).rejects.toMatchObject({ status: 400, details: { param: 'file' } });
    const onlyText = handBody(boundary, [{ headers: 'Content-Disposition: form-data; name="file"', content: 'id\r\n1' }]);
    await expect(multipartFile(split(onlyText, []), type)).rejects.toMatchObject({ status: 400, details: { param: 'file' } });
  });

  it('is a 400 for part headers that never end', async () => {
    const bytes = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nX-Pad: ${'p'.repeat(40_000)}`);
    await expect(multipartFile(split(bytes, [100, 20_000]), type)).rejects.toMatchObject({ status: 400 });
  });

  it('passes the size limit of the body on as a 413, before and inside the file', async () => {
    const tooLarge = new ApiError(413, 'over the limit');
    // What the route's byte counter does: the bytes up to the limit, then an error.
    const failing = (bytes: Uint8Array, after: number) => {
      let sent = false;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) return controller.error(tooLarge);
          controller.enqueue(bytes.slice(0, after));
          sent = true;
        },
      });
    };
    const bytes = handBody(boundary, [
      { headers: 'Content-Disposition: form-data; name="notes"', content: 'n'.repeat(500) },
      { headers: 'Content-Disposition: form-data; name="file"; filename="a.csv"', content: 'id\r\n'.repeat(500) },
    ]);
    await expect(multipartFile(failing(bytes, 300), type)).rejects.toBe(tooLarge);
    const file = await multipartFile(failing(bytes, 1000), type);
    await expect(text(file.stream)).rejects.toBe(tooLarge);
  });

  it('stops reading the body when the file stream is cancelled', async () => {
    let cancelled: unknown = null;
    const bytes = handBody(boundary, [{ headers: 'Content-Disposition: form-data; name="file"; filename="a.csv"', content: 'id\r\n'.repeat(1000) }]);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 200));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const file = await multipartFile(body, type);
    const reader = file.stream.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel('gone');
    expect(cancelled).toBe('gone');
  });
});
