import Papa from 'papaparse';
import type { Collection, Column } from '../collections/types';
import { badRequest } from '../errors';
import { valueToCell } from './cells';
import { isNeutralisedType, neutralise } from './neutralise';

// Rows → CSV text for export: a header of column ids, CRLF line ends, Excel-safe cells.

export const BOM = '\uFEFF';
const CONFIG = { newline: '\r\n', header: false, escapeFormulae: false } as const;

/** The cell of one value: its text, neutralised in free-text columns so that a spreadsheet cannot run it. */
export function exportCell(column: Column, value: unknown): string {
  const cell = valueToCell(column, value);
  return isNeutralisedType(column.type) ? neutralise(cell) : cell;
}

export function csvHeader(columns: readonly Column[]): string {
  return `${Papa.unparse([columns.map((c) => c.id)], CONFIG)}\r\n`;
}

/** CSV lines (each ending in CRLF) for rows keyed by column id. */
export function csvLines(columns: readonly Column[], rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const data = rows.map((row) => columns.map((column) => exportCell(column, row[column.id])));
  return `${Papa.unparse(data, CONFIG)}\r\n`;
}

/** `columns=a,b,c` → those columns in that order; every column when absent. Unknown ids are a 400. */
export function exportColumns(collection: Collection, raw: string | null): Column[] {
  if (raw === null || raw.trim() === '') return [...collection.columns];
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const columns = ids.map((id) => {
    const column = collection.columns.find((c) => c.id === id);
    if (!column) throw badRequest(`unknown column "${id}" in columns`, 'columns');
    return column;
  });
  if (new Set(ids).size !== ids.length) throw badRequest('columns names a column twice', 'columns');
  return columns;
}

/**
 * A small table that is not a collection's rows (a chart's points, a board tile's figure) as CSV: a header row,
 * then the rows; text cells neutralised as free-text columns are, numbers and booleans written as they are.
 */
export function plainCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  const text = (value: string | number | boolean | null) => (value === null ? '' : typeof value === 'string' ? neutralise(value) : String(value));
  return `${Papa.unparse([header.map(text), ...rows.map((row) => row.map(text))], CONFIG)}\r\n`;
}
