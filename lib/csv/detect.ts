import Papa from 'papaparse';
import type { Delimiter, LineEnding } from './reader';

// The delimiter (comma, semicolon or tab) and line ending of a file, guessed from its first lines.

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export interface Dialect {
  delimiter: Delimiter;
  newline: LineEnding;
}

/** The first lines of a sample, cut at a line break so that a half line does not skew the guess. */
function head(sample: string, maxChars = 64 * 1024): string {
  const text = sample.slice(0, maxChars);
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return cut > 0 && text.length === maxChars ? text.slice(0, cut) : text;
}

export function detectDialect(sample: string): Dialect {
  const text = head(sample.replace(/^\uFEFF/, ''));
  const result = Papa.parse<string[]>(text, { preview: 50, skipEmptyLines: true, delimitersToGuess: [...DELIMITERS] });
  const guessed = result.meta.delimiter as Delimiter;
  const linebreak = result.meta.linebreak;
  return {
    delimiter: DELIMITERS.includes(guessed) ? guessed : ',',
    newline: linebreak === '\r\n' || linebreak === '\r' ? linebreak : '\n',
  };
}

/** `delimiter=comma|semicolon|tab` (or the character itself) → the character; null if not one of them. */
export function parseDelimiter(raw: string): Delimiter | null {
  const byName = (Object.entries(DELIMITER_NAMES) as [Delimiter, string][]).find(([, name]) => name === raw);
  if (byName) return byName[0];
  return DELIMITERS.includes(raw as Delimiter) ? (raw as Delimiter) : null;
}
