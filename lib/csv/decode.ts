import { ApiError, badRequest } from '../errors';
import { canonicalEncoding, sniffEncoding } from './encoding';

// Bytes of an upload → text chunks, without ever holding the whole file: the size limit is enforced while
// reading, the encoding is sniffed from the first bytes, and a byte sequence that does not decode is a 400.

const SNIFF_BYTES = 64 * 1024;

export interface DecodeOptions {
  /** Encoding label given by the caller; otherwise sniffed. */
  encoding?: string | null;
  /** Largest accepted body in bytes. */
  maxBytes: number;
}

export const tooLarge = (maxBytes: number) =>
  new ApiError(413, `the file is larger than the upload limit of ${Math.round(maxBytes / 1024 / 1024)} MB (ATLAS_MAX_UPLOAD_MB)`);

/** Reads bytes from a stream and yields decoded text; `encoding` is known once the first chunk is out. */
export class TextSource {
  encoding: string | null = null;
  bytes = 0;

  constructor(
    private readonly stream: ReadableStream<Uint8Array>,
    private readonly options: DecodeOptions,
  ) {}

  private async *byteChunks(): AsyncGenerator<Uint8Array> {
    const reader = this.stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.bytes += value.byteLength;
        if (this.bytes > this.options.maxBytes) throw tooLarge(this.options.maxBytes);
        yield value;
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  /** The first bytes, enough to sniff the encoding, then the rest as it comes. */
  private async *sniffed(): AsyncGenerator<Uint8Array> {
    const head: Uint8Array[] = [];
    let size = 0;
    const chunks = this.byteChunks();
    // Not for-await: breaking out of it would close the generator before the rest is read.
    while (size < SNIFF_BYTES) {
      const next = await chunks.next();
      if (next.done) break;
      head.push(next.value);
      size += next.value.byteLength;
    }
    const first = concat(head, size);
    this.encoding = this.chooseEncoding(first);
    yield first;
    yield* chunks;
  }

  private chooseEncoding(sample: Uint8Array): string {
    if (this.options.encoding) {
      const given = canonicalEncoding(this.options.encoding);
      if (!given) throw badRequest(`unknown encoding "${this.options.encoding}"`, 'encoding');
      return given;
    }
    const sniffed = sniffEncoding(sample);
    if (!sniffed) throw badRequest('the file cannot be decoded: it is neither UTF-8 nor GB18030 text', 'encoding');
    return sniffed.encoding;
  }

  async *text(): AsyncGenerator<string> {
    let decoder: TextDecoder | null = null;
    let first = true;
    for await (const chunk of this.sniffed()) {
      decoder ??= new TextDecoder(this.encoding ?? 'utf-8', { fatal: true });
      let text = this.decode(decoder, chunk, true);
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        if (text.includes('\u0000')) throw badRequest('the body is not CSV text (it contains NUL characters)');
        first = false;
      }
      if (text) yield text;
    }
    const rest = decoder ? this.decode(decoder, new Uint8Array(0), false) : '';
    if (rest) yield rest;
  }

  private decode(decoder: TextDecoder, chunk: Uint8Array, stream: boolean): string {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      const hint = this.encoding === 'utf-8' ? '; if it is GB18030/GBK text, pass encoding=gb18030' : '';
      throw badRequest(`the file cannot be decoded as ${this.encoding} near byte ${this.bytes}${hint}`, 'encoding');
    }
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
