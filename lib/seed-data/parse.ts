import Papa from 'papaparse';
import { findColumn } from '../collections';
import type { Collection } from '../collections/types';
import { cellToValue } from '../csv/cells';

export interface SeedRow {
  /** 1-based line of the row's record in its file (the header is line 1), for messages. */
  line: number;
  /** Typed values of the writable columns, as the seed passes them to the data layer. */
  values: Record<string, unknown>;
}

export interface ParsedSeedFile {
  rows: SeedRow[];
  problems: string[];
}

/** One data/<collection>.csv as db/seed.ts reads it: header row, cells typed by the registry, read-only columns dropped. */
export function parseSeedCsv(collection: Collection, text: string): ParsedSeedFile {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const problems = parsed.errors.map((e) => `${collection.id}.csv: ${e.message} (row ${e.row ?? '?'})`);
  for (const header of parsed.meta.fields ?? []) {
    if (!findColumn(collection, header)) problems.push(`${collection.id}.csv: unknown column "${header}"`);
  }
  const rows = parsed.data.map((cells, i) => {
    const values: Record<string, unknown> = {};
    for (const [header, cell] of Object.entries(cells)) {
      const column = findColumn(collection, header);
      if (column && !column.readOnly) values[header] = cellToValue(column, cell ?? '');
    }
    return { line: i + 2, values };
  });
  return { rows, problems };
}
