import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectDialect, parseDelimiter } from '../../lib/csv/detect';
import { CsvReader, RecordTooLong, type CsvRecord, type Delimiter, type LineEnding } from '../../lib/csv/reader';

function readAll(text: string, delimiter: Delimiter = ',', newline: LineEnding = '\r\n', chunk = text.length || 1): CsvRecord[] {
  const reader = new CsvReader(delimiter, newline);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...reader.push(text.slice(i, i + chunk)));
  out.push(...reader.end());
  return out;
}

const lines = (records: CsvRecord[]) => records.map((r) => r.line);

describe('CsvReader', () => {
  it('reads quoted delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'id,notes\r\na,"x, y"\r\nb,"say ""hi"""\r\nc,"two\r\nlines"\r\nd,plain\r\n';
    const records = readAll(text);
    expect(records.map((r) => r.cells)).toEqual([['id', 'notes'], ['a', 'x, y'], ['b', 'say "hi"'], ['c', 'two\r\nlines'], ['d', 'plain']]);
    expect(lines(records)).toEqual([1, 2, 3, 4, 6]);
  });

  it('counts physical lines after records with several line breaks, in any chunking', () => {
    const text = 'id,a,b\na,"1\n2\n3","x\ny"\nb,plain,"\n"\nc,last,end';
    for (const chunk of [1, 2, 3, 5, 8, 1000]) {
      expect(lines(readAll(text, ',', '\n', chunk)), `chunk ${chunk}`).toEqual([1, 2, 6, 8]);
    }
  });

  it('treats a missing final line break like a present one', () => {
    expect(readAll('a,b\r\n1,2').map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
    expect(readAll('a,b\r\n1,2\r\n').map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps empty fields apart from absent ones (ragged rows stay ragged)', () => {
    expect(readAll('a,b,c\r\n1,,\r\n1\r\n"",x,""\r\n').map((r) => r.cells)).toEqual([['a', 'b', 'c'], ['1', '', ''], ['1'], ['', 'x', '']]);
  });

  it('reports an unclosed quote on the line where its record starts', () => {
    const records = readAll('id,notes\n1,ok\n2,"never closed\n3,more\n', ',', '\n');
    expect(records.at(-1)).toMatchObject({ line: 3, problem: 'unclosedQuote' });
  });

  it('reports a stray quote after a closing quote', () => {
    const records = readAll('id,notes\n1,"bad"x\n', ',', '\n');
    expect(records[1].problem).toBe('badQuote');
  });

  it('stops at a record longer than the limit instead of holding the file', () => {
    const reader = new CsvReader(',', '\n', 1000);
    reader.push('id,notes\n1,"open\n');
    expect(() => reader.push('x'.repeat(2000))).toThrow(RecordTooLong);
  });

  it('agrees with papaparse on any table of hostile cells, in any chunking', () => {
    const cell = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('"', '""', ',', '\r\n', '\n', '\r', ' ', '=1', '中文', '\u200f', '😀'));
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 40 }), (rows, chunk) => {
        const text = Papa.unparse([['h1', 'h2'], ...rows], { newline: '\r\n' });
        const records = readAll(text, ',', '\r\n', chunk).filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
        expect(records.map((r) => r.cells)).toEqual(Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data);
        const physical = [1];
        for (const row of [['h1', 'h2'], ...rows].slice(0, -1)) physical.push(physical.at(-1)! + 1 + row.reduce((n, c) => n + c.split(/\r\n|\r|\n/).length - 1, 0));
        expect(records.map((r) => r.line)).toEqual(physical.slice(0, records.length));
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectDialect', () => {
  it.each([
    ['id,name\r\na,b\r\n', ',', '\r\n'],
    ['id;name;notes\na;b;"x, y"\nc;d;e\n', ';', '\n'],
    ['id\tname\ta\tb\rc\td\te\tf\r', '\t', '\r'],
    ['id,name,"x;y"\na,b,c\n', ',', '\n'],
    ['id\n1\n2\n', ',', '\n'],
    ["id,notes,n\r\nx,'\t,\"a\r\tb\"\r\n", ',', '\r\n'],
  ])('%j → %j %j', (sample, delimiter, newline) => {
    expect(detectDialect(sample)).toEqual({ delimiter, newline });
  });

  it('names delimiters', () => {
    expect(parseDelimiter('semicolon')).toBe(';');
    expect(parseDelimiter('tab')).toBe('\t');
    expect(parseDelimiter(',')).toBe(',');
    expect(parseDelimiter('|')).toBeNull();
  });
});
