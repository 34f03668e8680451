// Which text encoding a CSV file is in: a byte-order mark decides; otherwise valid UTF-8 is UTF-8 and anything
// else is taken for GB18030 (a superset of GBK and GB2312, what Excel writes on Chinese Windows).

export interface Sniffed {
  /** A WHATWG encoding name, e.g. "utf-8", "gb18030", "utf-16le". */
  encoding: string;
  /** How the encoding was chosen: from a byte-order mark, by validating the sample, or by the caller. */
  source: 'bom' | 'sample' | 'given';
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** True when the bytes decode without error (a multi-byte character cut off at the end is allowed). */
export function decodes(bytes: Uint8Array, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Guess the encoding of a file from its first bytes; null when the sample is neither UTF-8 nor GB18030. */
export function sniffEncoding(sample: Uint8Array): Sniffed | null {
  for (const [bom, encoding] of BOMS) {
    if (startsWith(sample, bom)) return { encoding, source: 'bom' };
  }
  if (decodes(sample, 'utf-8')) return { encoding: 'utf-8', source: 'sample' };
  if (decodes(sample, 'gb18030')) return { encoding: 'gb18030', source: 'sample' };
  return null;
}

/** The canonical name of an encoding label ("GBK" → "gbk", "utf8" → "utf-8"), or null if unknown. */
export function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}
