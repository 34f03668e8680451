import { describe, expect, it } from 'vitest';
import { TextSource } from '../../lib/csv/decode';
import { canonicalEncoding, sniffEncoding } from '../../lib/csv/encoding';

// "公司,投资" in GB18030 (what Excel on Chinese Windows writes).
const GB = Uint8Array.from([0xb9, 0xab, 0xcb, 0xbe, 0x2c, 0xcd, 0xb6, 0xd7, 0xca]);
const utf8 = (text: string) => new TextEncoder().encode(text);

function streamOf(...chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function readText(stream: ReadableStream<Uint8Array>, options: { encoding?: string | null; maxBytes?: number } = {}) {
  const source = new TextSource(stream, { encoding: options.encoding ?? null, maxBytes: options.maxBytes ?? 1e9 });
  let text = '';
  for await (const chunk of source.text()) text += chunk;
  return { text, encoding: source.encoding };
}

describe('sniffEncoding', () => {
  it('reads byte-order marks', () => {
    expect(sniffEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', source: 'bom' });
    expect(sniffEncoding(Uint8Array.from([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', source: 'bom' });
  });

  it('takes valid UTF-8 for UTF-8 and the rest for GB18030', () => {
    expect(sniffEncoding(utf8('id,名称\n1,智谱'))?.encoding).toBe('utf-8');
    expect(sniffEncoding(GB)?.encoding).toBe('gb18030');
  });

  it('allows a character cut off at the end of the sample', () => {
    expect(sniffEncoding(utf8('名称').slice(0, 4))?.encoding).toBe('utf-8');
  });

  it('gives up on bytes that are neither', () => {
    expect(sniffEncoding(Uint8Array.from([0x61, 0xff, 0xff, 0x80, 0x80]))).toBeNull();
  });

  it('knows encoding labels', () => {
    expect(canonicalEncoding('GBK')).toBe('gbk');
    expect(canonicalEncoding('utf8')).toBe('utf-8');
    expect(canonicalEncoding('nope')).toBeNull();
  });
});

describe('TextSource', () => {
  it('decodes UTF-8 split anywhere, and drops the BOM', async () => {
    const bytes = utf8('\uFEFFid,名称\r\n1,智谱 AI 😀\r\n');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    expect(await readText(streamOf(...chunks))).toEqual({ text: 'id,名称\r\n1,智谱 AI 😀\r\n', encoding: 'utf-8' });
  });

  it('decodes GB18030', async () => {
    expect(await readText(streamOf(GB))).toEqual({ text: '公司,投资', encoding: 'gb18030' });
  });

  it('follows a given encoding', async () => {
    expect((await readText(streamOf(GB), { encoding: 'gbk' })).text).toBe('公司,投资');
    await expect(readText(streamOf(GB), { encoding: 'klingon' })).rejects.toMatchObject({ status: 400, details: { param: 'encoding' } });
  });

  it('is a 400 for bytes it cannot decode, and for binary data', async () => {
    await expect(readText(streamOf(Uint8Array.from([0x61, 0xff, 0xff, 0x80])))).rejects.toMatchObject({ status: 400 });
    await expect(readText(streamOf(utf8('id\n1\n'), Uint8Array.from([0xff, 0xfe, 0xfd])), { encoding: 'utf-8' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('cannot be decoded as utf-8'),
    });
    await expect(readText(streamOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).rejects.toMatchObject({ status: 400, message: expect.stringContaining('NUL') });
  });

  it('is a 413 once the body passes the limit, while reading', async () => {
    await expect(readText(streamOf(utf8('a'.repeat(600)), utf8('b'.repeat(600))), { maxBytes: 1000 })).rejects.toMatchObject({ status: 413 });
  });
});
