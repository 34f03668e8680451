import type { z } from 'zod';
import type { Collection, Column } from '../collections/types';
import { rowSchemas } from '../collections/schemas';
import { cellToValue } from './cells';
import type { Rejection } from './import-types';
import type { HeaderPlan } from './mapping';
import { restore } from './neutralise';
import type { CsvRecord } from './reader';

// One CSV record → a candidate row (typed values of the mapped columns) → a row validated by the registry's
// zod schema for an insert or an update. Every problem becomes a rejection naming line, column and value.

export interface Candidate {
  line: number;
  /** The id cell, or null when the file has no id column or the cell is empty. */
  id: string | null;
  /** Typed values of the mapped columns, id excluded. */
  data: Record<string, unknown>;
  /** The cells as written, by column id (for rejection messages). */
  cells: Record<string, string>;
}

export type Converted = { ok: true; candidate: Candidate } | { ok: false; rejections: Rejection[] };

function jsonValue(cell: string): { ok: true; value: unknown } | { ok: false } {
  if (cell === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(cell) };
  } catch {
    return { ok: false };
  }
}

export function toCandidate(plan: HeaderPlan, headers: string[], record: CsvRecord): Converted {
  const { line, cells } = record;
  if (record.problem) {
    const last = headers[cells.length - 1];
    const column = plan.targets[cells.length - 1]?.id ?? last ?? null;
    return { ok: false, rejections: [{ line, column, value: null, message: record.problem }] };
  }
  if (cells.length !== plan.targets.length) {
    const message = `expected ${plan.targets.length} fields, found ${cells.length} (a missing or extra delimiter?)`;
    return { ok: false, rejections: [{ line, column: null, value: null, message }] };
  }
  const candidate: Candidate = { line, id: null, data: {}, cells: {} };
  const rejections: Rejection[] = [];
  plan.targets.forEach((column, i) => {
    if (!column) return;
    const cell = restore(cells[i]);
    candidate.cells[column.id] = cells[i];
    if (column.id === 'id') {
      candidate.id = cell.trim() === '' ? null : cell;
      return;
    }
    if (column.type === 'json') {
      const parsed = jsonValue(cell);
      if (parsed.ok) candidate.data[column.id] = parsed.value;
      else rejections.push({ line, column: column.id, value: cells[i], message: 'not valid JSON' });
      return;
    }
    candidate.data[column.id] = cellToValue(column, cell);
  });
  return rejections.length ? { ok: false, rejections } : { ok: true, candidate };
}

type Issue = z.core.$ZodIssue;

function sizeMessage(column: Column, issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  if (issue.origin === 'string') return issue.code === 'too_big' ? `longer than ${bound} characters` : 'must not be empty';
  if (issue.origin === 'array') return `more than ${bound} entries`;
  return issue.code === 'too_small' ? `must be at least ${bound}` : `must be at most ${bound}`;
}

/** A short message for one failed check of one column, in the words an analyst would use. */
export function issueMessage(column: Column | undefined, issue: Issue, cell: string | undefined): string {
  const empty = cell === undefined || cell.trim() === '';
  switch (issue.code) {
    case 'invalid_type':
      if (empty) return 'a value is required';
      if (column && ['integer', 'money', 'number'].includes(column.type)) {
        return issue.expected === 'int' ? 'not a whole number' : 'not a number';
      }
      return `not a valid ${issue.expected}`;
    case 'too_small':
    case 'too_big':
      return column ? sizeMessage(column, issue) : issue.message;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      if (column?.type === 'date') return 'not a real date: use YYYY-MM-DD';
      if (/^an? /.test(issue.message)) return `must be ${issue.message}`;
      if (/^lowercase/.test(issue.message)) return `must contain only ${issue.message}`;
      return issue.message;
  }
}

export type Validated = { ok: true; data: Record<string, unknown> } | { ok: false; rejections: Rejection[] };

/** Check a candidate with the collection's create (insert) or update schema. */
export function validateCandidate(collection: Collection, candidate: Candidate, mode: 'create' | 'update'): Validated {
  const body = mode === 'create' && candidate.id !== null ? { id: candidate.id, ...candidate.data } : candidate.data;
  const parsed = rowSchemas(collection)[mode].safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data as Record<string, unknown> };
  const rejections = parsed.error.issues.map((issue): Rejection => {
    const columnId = String(issue.path[0] ?? '');
    const column = collection.columns.find((c) => c.id === columnId);
    const cell = candidate.cells[columnId];
    return { line: candidate.line, column: columnId || null, value: cell ?? null, message: issueMessage(column, issue, cell) };
  });
  return { ok: false, rejections };
}
