import Papa from 'papaparse';
import { detectDialect } from '@/lib/csv/detect';
import { sniffEncoding } from '@/lib/csv/encoding';
import { suggestColumn, type HeaderMap } from '@/lib/csv/mapping';
import type { Delimiter, LineEnding } from '@/lib/csv/reader';
import type { Collection } from '@/lib/collections/types';

// In the browser: read the start of the chosen file to show what the server will see — encoding, delimiter,
// line ends, the header and the first rows — and to propose a column mapping.

const SAMPLE_BYTES = 1024 * 1024;
export const PREVIEW_ROWS = 8;

export interface FilePreview {
  encoding: string;
  delimiter: Delimiter;
  newline: LineEnding;
  headers: string[];
  rows: string[][];
}

export type MatchKind = 'auto' | 'manual' | 'none' | 'readOnly';

export interface Mapping {
  /** Header → column id, or null to ignore. */
  map: HeaderMap;
  kinds: Record<string, MatchKind>;
}

export async function readPreview(file: File, delimiter: Delimiter | null): Promise<FilePreview> {
  const bytes = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
  const sniffed = sniffEncoding(bytes);
  if (!sniffed) throw new Error('neither UTF-8 nor GB18030 text');
  let text = new TextDecoder(sniffed.encoding).decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new Error('not a text file');
  if (file.size > SAMPLE_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')));
  const detected = detectDialect(text);
  const chosen = delimiter ?? detected.delimiter;
  const parsed = Papa.parse<string[]>(text, { delimiter: chosen, newline: detected.newline, preview: PREVIEW_ROWS + 1, skipEmptyLines: 'greedy' });
  const [headers = [], ...rows] = parsed.data;
  return { encoding: sniffed.encoding, delimiter: chosen, newline: detected.newline, headers, rows };
}

/** The proposed mapping: id, English label or Chinese label; read-only and unknown columns ignored. */
export function proposeMapping(collection: Collection, headers: string[]): Mapping {
  const mapping: Mapping = { map: {}, kinds: {} };
  for (const header of headers) {
    const column = suggestColumn(collection, header);
    mapping.map[header] = column && !column.readOnly ? column.id : null;
    mapping.kinds[header] = !column ? 'none' : column.readOnly ? 'readOnly' : 'auto';
  }
  return mapping;
}

/** Column ids that two headers both go to. */
export function duplicateTargets(map: HeaderMap): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const target of Object.values(map)) {
    if (target === null) continue;
    if (seen.has(target)) twice.add(target);
    seen.add(target);
  }
  return [...twice];
}
