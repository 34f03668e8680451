import type { ColumnType } from '../collections/types';

// Spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with = + - @ tab or CR may be
// run as a formula. Export puts one "'" in front; import takes exactly one away, so the value survives the
// round trip even when it genuinely begins with quotes (see docs/decisions/002-csv-formula-neutralisation.md).

const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;
const HAS_PREFIX = /^'+[=+\-@\t\r]/;

/** Column types whose cells hold free text and so may be read as a formula; numbers and dates cannot. */
const TEXT_TYPES: ReadonlySet<ColumnType> = new Set<ColumnType>(['id', 'text', 'longtext', 'url', 'ref', 'refs', 'json', 'enum']);

export function isNeutralisedType(type: ColumnType): boolean {
  return TEXT_TYPES.has(type);
}

/** The cell to write for a text value: one more "'" when it could start a formula. */
export function neutralise(value: string): string {
  return NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/** The value a cell stands for: one "'" fewer when the cell starts with quotes before a formula character. */
export function restore(cell: string): string {
  return cell.charCodeAt(0) === 39 && HAS_PREFIX.test(cell) ? cell.slice(1) : cell;
}
