import type { Column } from '../collections/types';

// CSV cells ↔ typed values, driven by the column's type. Invalid text is passed through unchanged
// so that the row schema rejects it with a message that names the column.

export const LIST_SEPARATOR = ';';

export function cellToValue(column: Column, cell: string): unknown {
  if (column.type === 'refs') {
    return cell.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
  }
  if (cell === '') return null;
  switch (column.type) {
    case 'flag': {
      const flag = cell.trim().toLowerCase();
      return flag === '1' || flag === 'true' ? 1 : flag === '0' || flag === 'false' ? 0 : cell;
    }
    case 'integer':
    case 'money':
    case 'number': {
      const n = cell.trim() === '' ? NaN : Number(cell);
      return Number.isFinite(n) ? n : cell;
    }
    case 'json':
      try {
        return JSON.parse(cell);
      } catch {
        return cell;
      }
    default:
      return cell;
  }
}

export function valueToCell(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'refs') return Array.isArray(value) ? value.join(LIST_SEPARATOR) : '';
  if (column.type === 'json') return JSON.stringify(value);
  return String(value);
}
