import { badRequest } from '../errors';

// The file of a multipart/form-data upload as a stream, read part by part without buffering the body
// (a runtime's formData() holds the whole file in memory). RFC 7578: parts separated by "--boundary",
// each with headers, a blank line and the content; "--boundary--" ends the body.

const encoder = new TextEncoder();
const CRLF = encoder.encode('\r\n');
const BLANK_LINE = encoder.encode('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

export interface MultipartFile {
  filename: string | null;
  stream: ReadableStream<Uint8Array>;
}

export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  for (let i = haystack.indexOf(needle[0]); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(needle[0], i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The body as a byte buffer that is filled from the stream only as far as needed. */
class Bytes {
  private buffer: Uint8Array = new Uint8Array(0);
  private ended = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  get length(): number {
    return this.buffer.length;
  }

  async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.reader.read();
    if (next.done) return !(this.ended = true);
    if (this.buffer.length === 0) {
      this.buffer = next.value;
      return true;
    }
    // Only a few bytes wait here (a possible start of a delimiter, or part headers), so joining is cheap.
    const joined = new Uint8Array(this.buffer.length + next.value.length);
    joined.set(this.buffer);
    joined.set(next.value, this.buffer.length);
    this.buffer = joined;
    return true;
  }

  async ensure(length: number): Promise<boolean> {
    while (this.buffer.length < length) if (!(await this.fill())) return false;
    return true;
  }

  indexOf(needle: Uint8Array): number {
    return indexOf(this.buffer, needle);
  }

  startsWith(prefix: Uint8Array): boolean {
    return prefix.every((b, i) => this.buffer[i] === b);
  }

  /** Wait until `needle` is buffered: its index, or -1 at the end of the body. */
  async find(needle: Uint8Array, limit = Infinity): Promise<number> {
    for (;;) {
      const at = this.indexOf(needle);
      if (at !== -1) return at;
      if (this.buffer.length > limit) throw badRequest('the multipart/form-data body is malformed (a part header is too long)');
      if (!(await this.fill())) return -1;
    }
  }

  /**
   * Drop bytes up to `needle` (the content of a part that is not wanted), keeping only what could be its
   * start: its index (now 0), or -1 at the end of the body.
   */
  async skipTo(needle: Uint8Array): Promise<number> {
    for (;;) {
      const at = this.indexOf(needle);
      if (at !== -1) {
        this.take(at);
        return 0;
      }
      this.take(Math.max(0, this.buffer.length - needle.length + 1));
      if (!(await this.fill())) return -1;
    }
  }

  /** Stop reading the body (the consumer of the file went away). */
  async cancel(reason?: unknown): Promise<void> {
    this.ended = true;
    await this.reader.cancel(reason).catch(() => undefined);
  }

  /** The next `length` bytes, removed from the buffer (a view: the buffer is replaced, never written to). */
  take(length: number): Uint8Array {
    const out = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return out;
  }
}

function dispositionOf(headers: Uint8Array): { name: string | null; filename: string | null } {
  const text = new TextDecoder().decode(headers);
  const disposition = /^content-disposition:(.*)$/im.exec(text)?.[1] ?? '';
  const param = (key: string) => new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(disposition)?.[1] ?? null;
  return { name: param('name'), filename: param('filename') };
}

/** The content of the current part, up to the next delimiter, as a stream. */
function partContent(bytes: Bytes, delimiter: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    // Each pull enqueues, closes or fails: a pull that does neither would stall the reader.
    async pull(controller) {
      for (;;) {
        const at = bytes.indexOf(delimiter);
        if (at !== -1) {
          if (at > 0) controller.enqueue(bytes.take(at));
          return controller.close();
        }
        // Everything but a possible start of the delimiter can go out now.
        const safe = bytes.length - delimiter.length + 1;
        if (safe > 0) return controller.enqueue(bytes.take(safe));
        if (!(await bytes.fill())) return controller.error(badRequest('the multipart/form-data body ends inside the file'));
      }
    },
    cancel: (reason) => bytes.cancel(reason),
  });
}

/** Find the part named `field` and stream its content; a 400 when the body is malformed or lacks it. */
export async function multipartFile(body: ReadableStream<Uint8Array>, contentType: string, field = 'file'): Promise<MultipartFile> {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw badRequest('multipart/form-data without a boundary');
  const bytes = new Bytes(body.getReader());
  const opening = encoder.encode(`--${boundary}`);
  const delimiter = encoder.encode(`\r\n--${boundary}`);
  let at = await bytes.skipTo(opening);
  while (at !== -1) {
    bytes.take(at + opening.length);
    if (!(await bytes.ensure(2))) break;
    const after = bytes.take(2);
    if (after[0] === 0x2d && after[1] === 0x2d) break;
    // The part's headers end at a blank line (right away when it has none).
    if (!(await bytes.ensure(2))) break;
    const bare = bytes.startsWith(CRLF);
    const end = bare ? 0 : await bytes.find(BLANK_LINE, MAX_HEADER_BYTES);
    if (end === -1) break;
    const disposition = dispositionOf(bytes.take(end));
    bytes.take(bare ? CRLF.length : BLANK_LINE.length);
    if (disposition.name === field && disposition.filename !== null) return { filename: disposition.filename || null, stream: partContent(bytes, delimiter) };
    at = await bytes.skipTo(delimiter);
    if (at !== -1) {
      bytes.take(at + 2);
      at = 0;
    }
  }
  throw badRequest(`the form has no "${field}" field with a file in it`, field);
}
