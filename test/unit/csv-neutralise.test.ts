import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCollection } from '../../lib/collections';
import { isNeutralisedType, neutralise, restore } from '../../lib/csv/neutralise';
import { csvHeader, csvLines, exportCell, exportColumns } from '../../lib/csv/write';

describe('formula neutralisation', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
    ["'=already", "''=already"],
    ["''+twice", "'''+twice"],
  ])('export prefixes %j', (value, cell) => {
    expect(neutralise(value)).toBe(cell);
    expect(restore(cell)).toBe(value);
  });

  it.each(['plain', "'quoted but harmless", "it's", '', '中文 =1', ' =leading space', '1=1'])('leaves %j alone both ways', (value) => {
    expect(neutralise(value)).toBe(value);
    expect(restore(value)).toBe(value);
  });

  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (value) => restore(neutralise(value)) === value));
    fc.assert(fc.property(fc.stringMatching(/^'*[=+\-@\t\r].*$/), (value) => restore(neutralise(value)) === value && neutralise(value).startsWith("'")));
  });

  it('neutralises free-text column types only', () => {
    expect(['text', 'longtext', 'url', 'id', 'ref', 'refs', 'json', 'enum'].every((t) => isNeutralisedType(t as never))).toBe(true);
    expect(['integer', 'money', 'number', 'date', 'timestamp'].some((t) => isNeutralisedType(t as never))).toBe(false);
    const investments = getCollection('investments');
    const notes = investments.columns.find((c) => c.id === 'notes')!;
    const amount = investments.columns.find((c) => c.id === 'amount_original')!;
    expect(exportCell(notes, '-5')).toBe("'-5");
    expect(exportCell(amount, -5)).toBe('-5');
  });
});

describe('export formatting', () => {
  const companies = getCollection('companies');

  it('writes a header of column ids and CRLF lines, quoting what needs quotes', () => {
    const columns = exportColumns(companies, 'id,name,description');
    expect(csvHeader(columns)).toBe('id,name,description\r\n');
    const text = csvLines(columns, [
      { id: 'a', name: 'Comma, Inc', description: 'say "hi"\nthere' },
      { id: 'b', name: '=HYPERLINK("x")', description: null },
    ]);
    expect(text).toBe('a,"Comma, Inc","say ""hi""\nthere"\r\nb,"\'=HYPERLINK(""x"")",\r\n');
  });

  it('selects and orders columns; an unknown column is a 400 naming columns', () => {
    expect(exportColumns(companies, 'name,id').map((c) => c.id)).toEqual(['name', 'id']);
    expect(exportColumns(companies, null).map((c) => c.id)).toEqual(companies.columns.map((c) => c.id));
    expect(() => exportColumns(companies, 'id,nope')).toThrow(expect.objectContaining({ status: 400, details: { param: 'columns' } }));
    expect(() => exportColumns(companies, 'id,id')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
