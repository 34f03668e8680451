import Papa from 'papaparse';

// An incremental RFC 4180 reader on top of papaparse's parser: text goes in as it arrives, complete records
// come out with the physical line each one starts on (quoted line breaks counted), so a rejection can point
// at the right line of the file. Only the unfinished last record is kept between chunks.

export type Delimiter = ',' | ';' | '\t';
export type LineEnding = '\r\n' | '\n' | '\r';

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  cells: string[];
  /** A quoting problem in this record. */
  problem?: 'unclosedQuote' | 'badQuote';
}

/** A record too long to be real: almost always an unclosed quote that swallows the rest of the file. */
export class RecordTooLong extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`the record starting on line ${line} is longer than ${limit.toLocaleString('en')} characters: probably an unclosed quote`);
  }
}

interface PapaError {
  code: string;
  row: number;
}

interface PapaChunk {
  data: string[][];
  errors: PapaError[];
  meta: { cursor: number };
}

interface RawParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): PapaChunk;
}

const PROBLEMS: Record<string, CsvRecord['problem']> = { MissingQuotes: 'unclosedQuote', InvalidQuotes: 'badQuote' };

const BREAK = /\r\n|\r|\n/g;

function countBreaks(text: string, end = text.length): number {
  let n = 0;
  BREAK.lastIndex = 0;
  while (BREAK.exec(text) && BREAK.lastIndex <= end) n++;
  return n;
}

function breaksIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) {
    if (cell.indexOf('\n') !== -1 || cell.indexOf('\r') !== -1) n += countBreaks(cell);
  }
  return n;
}

export class CsvReader {
  private buffer = '';
  private line = 1;
  private readonly parser: RawParser;

  constructor(
    readonly delimiter: Delimiter,
    readonly newline: LineEnding,
    private readonly maxRecordChars = 4_000_000,
  ) {
    const Parser = (Papa as unknown as { Parser: new (config: object) => RawParser }).Parser;
    this.parser = new Parser({ delimiter, newline, quoteChar: '"' });
  }

  /** Feed more text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    this.buffer += text;
    const records = this.take(false);
    if (this.buffer.length > this.maxRecordChars) throw new RecordTooLong(this.line, this.maxRecordChars);
    return records;
  }

  /** No more text: the last record (with or without a final line break). */
  end(): CsvRecord[] {
    return this.take(true);
  }

  private take(final: boolean): CsvRecord[] {
    if (!this.buffer) return [];
    const chunk = this.parser.parse(this.buffer, 0, !final);
    const consumed = final ? this.buffer.length : chunk.meta.cursor;
    const text = this.buffer;
    this.buffer = final ? '' : this.buffer.slice(consumed);
    if (chunk.data.length === 0) return [];
    const problems = new Map<number, CsvRecord['problem']>();
    for (const error of chunk.errors) {
      if (error.row < chunk.data.length && PROBLEMS[error.code] && !problems.has(error.row)) problems.set(error.row, PROBLEMS[error.code]);
    }
    // Fast path: as many line breaks as records means every record fits on one line.
    const terminated = final && !/[\r\n]$/.test(text) ? chunk.data.length - 1 : chunk.data.length;
    const oneLineEach = countBreaks(text, consumed) === terminated;
    return chunk.data.map((cells, i) => {
      const record: CsvRecord = { line: this.line, cells };
      const problem = problems.get(i);
      if (problem) record.problem = problem;
      this.line += oneLineEach ? 1 : 1 + breaksIn(cells);
      return record;
    });
  }
}

/** A blank line: one empty, unquoted field. */
export const isBlank = (record: CsvRecord) => record.cells.length === 1 && record.cells[0] === '';
