import type { z } from 'zod';
import type { Collection, Column } from '../collections/types';
import { rowSchemas } from '../collections/schemas';
import { cellToValue } from './cells';
import type { Rejection } from './import-types';
import type { HeaderPlan } from './mapping';
import { restore } from './neutralise';
import { reason, type Reason } from './reasons';
import type { CsvRecord } from './reader';

// One CSV record → a candidate row (typed values of the mapped columns) → a row validated by the registry's
// zod schema for an insert or an update. Every problem becomes a rejection naming line, column and value.

export interface Candidate {
  line: number;
  /** The id cell, or null when the file has no id column or the cell is empty. */
  id: string | null;
  /** Typed values of the mapped columns, id excluded. */
  data: Record<string, unknown>;
  /** The record's cells as written, and where each column's cell is (for rejection messages). */
  raw: string[];
  index: ReadonlyMap<string, number>;
}

/** The cell of a column as written in the file, or null when the file has no such column. */
export function cellOf(candidate: Candidate, columnId: string | null): string | null {
  const i = columnId === null ? undefined : candidate.index.get(columnId);
  return i === undefined ? null : candidate.raw[i];
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
    return { ok: false, rejections: [{ line, column, value: null, ...reason(record.problem) }] };
  }
  if (cells.length !== plan.targets.length) {
    return { ok: false, rejections: [{ line, column: null, value: null, ...reason('ragged', { expected: plan.targets.length, found: cells.length }) }] };
  }
  const candidate: Candidate = { line, id: null, data: {}, raw: cells, index: plan.index };
  const rejections: Rejection[] = [];
  for (let i = 0; i < cells.length; i++) {
    const column = plan.targets[i];
    if (!column) continue;
    const cell = restore(cells[i]);
    if (column.id === 'id') {
      candidate.id = cell.trim() === '' ? null : cell;
    } else if (column.type !== 'json') {
      candidate.data[column.id] = cellToValue(column, cell);
    } else {
      const parsed = jsonValue(cell);
      if (parsed.ok) candidate.data[column.id] = parsed.value;
      else rejections.push({ line, column: column.id, value: cells[i], ...reason('notJson') });
    }
  }
  return rejections.length ? { ok: false, rejections } : { ok: true, candidate };
}

type Issue = z.core.$ZodIssue;

function sizeReason(issue: Issue & { code: 'too_small' | 'too_big' }): Reason {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') return issue.code === 'too_big' ? reason('textTooLong', { max: bound }) : reason('required');
  if (issue.origin === 'array') return reason('tooMany', { max: bound });
  return issue.code === 'too_small' ? reason('min', { min: bound }) : reason('max', { max: bound });
}

/** Why one column failed its check, in the words an analyst would use. */
export function issueReason(column: Column | undefined, issue: Issue, cell: string | undefined): Reason {
  const empty = cell === undefined || cell.trim() === '';
  if (empty && column?.required) return reason('required');
  switch (issue.code) {
    case 'invalid_type':
      if (empty) return reason('required');
      if (column && ['integer', 'money', 'number'].includes(column.type)) return issue.expected === 'int' ? reason('notInteger') : reason('notNumber');
      return reason('invalid', { detail: `not a valid ${issue.expected}` });
    case 'too_small':
    case 'too_big':
      return sizeReason(issue);
    case 'invalid_value':
      return reason('oneOf', { values: issue.values.map(String).join(', ') });
    default:
      if (column?.type === 'date') return reason('notDate');
      if (/^an? /.test(issue.message)) return reason('invalid', { detail: `must be ${issue.message}` });
      if (/^lowercase/.test(issue.message)) return reason('invalid', { detail: `must contain only ${issue.message}` });
      return reason('invalid', { detail: issue.message });
  }
}

export type Validated = { ok: true; data: Record<string, unknown> } | { ok: false; rejections: Rejection[] };

type FieldResult = { ok: true; value: unknown } | { ok: false; issues: Issue[] };
type Mode = 'create' | 'update';

interface Field {
  id: string;
  schema: z.ZodType;
  required: boolean;
  column: Column | undefined;
  /** Results by value; null once the column proved to have too many distinct values to remember. */
  memo: Map<unknown, FieldResult> | null;
}

/** Remembered results per column stop growing at this many distinct values (ids, notes, amounts are unique). */
const MEMO_LIMIT = 4096;

/**
 * Checks rows field by field with the fields of the registry's row schemas (the same zod schemas a JSON write
 * uses). Columns with few distinct values (enumerations, refs, dates) are checked once per distinct value.
 */
class RowValidator {
  private readonly shapes: Record<Mode, Record<string, z.ZodType>>;
  /** Per mode, the fields to check: every field of the schema, whether a row must have it, its results so far. */
  private readonly fields: Record<Mode, Field[]>;

  constructor(collection: Collection) {
    const schemas = rowSchemas(collection);
    this.shapes = { create: (schemas.create as z.ZodObject).shape, update: (schemas.update as z.ZodObject).shape };
    const columns = new Map(collection.columns.map((c) => [c.id, c]));
    const fieldsOf = (mode: Mode): Field[] =>
      Object.keys(this.shapes[mode]).map((id) => ({ id, schema: this.shapes[mode][id], required: mode === 'create' && Boolean(columns.get(id)?.required), column: columns.get(id), memo: new Map() }));
    this.fields = { create: fieldsOf('create'), update: fieldsOf('update') };
  }

  private check(field: Field, value: unknown): FieldResult {
    const memoable = field.memo !== null && (value === null || typeof value === 'string' || typeof value === 'number');
    const known = memoable ? field.memo?.get(value) : undefined;
    if (known) return known;
    const parsed = field.schema.safeParse(value);
    const result: FieldResult = parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: parsed.error.issues };
    if (memoable && field.memo) {
      if (field.memo.size < MEMO_LIMIT) field.memo.set(value, result);
      else field.memo = null;
    }
    return result;
  }

  /** Check the candidate's values and replace them, in place, by what the schema makes of them. */
  validate(candidate: Candidate, mode: Mode): Validated {
    const data = candidate.data;
    let rejections: Rejection[] | null = null;
    for (const field of this.fields[mode]) {
      const { id, required, column } = field;
      const present = id === 'id' ? mode === 'create' && candidate.id !== null : id in data;
      if (!present && !required) continue;
      const result = this.check(field, id === 'id' ? candidate.id : data[id]);
      if (result.ok) {
        if (id !== 'id' && (result.value !== undefined || id in data)) data[id] = result.value;
        continue;
      }
      const cell = cellOf(candidate, id) ?? undefined;
      rejections ??= [];
      for (const issue of result.issues) rejections.push({ line: candidate.line, column: id, value: cell ?? null, ...issueReason(column, issue, cell) });
    }
    return rejections ? { ok: false, rejections } : { ok: true, data };
  }
}

const validators = new WeakMap<Collection, RowValidator>();

/** Check a candidate with the fields of the collection's create (insert) or update schema. */
export function validateCandidate(collection: Collection, candidate: Candidate, mode: 'create' | 'update'): Validated {
  let validator = validators.get(collection);
  if (!validator) validators.set(collection, (validator = new RowValidator(collection)));
  return validator.validate(candidate, mode);
}
