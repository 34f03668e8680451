import { z } from 'zod';
import { ID_PATTERN, isValidIsoDate, isWellFormed, MAX_ID_LENGTH } from './checks';
import type { Collection, Column } from './types';

const NO_NUL = (s: string) => !s.includes('\u0000');
const UNPAIRED = 'must be valid Unicode text (it holds half of a surrogate pair)';

export { isValidIsoDate, isWellFormed };

export const idSchema = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(ID_PATTERN, 'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit');

const dateSchema = z.string().refine(isValidIsoDate, 'a real date as YYYY-MM-DD');

function textSchema(column: Column) {
  return z.string().max(column.maxLength ?? 2000).refine(NO_NUL, 'must not contain NUL characters').refine(isWellFormed, UNPAIRED);
}

const PATTERNS: Record<string, [RegExp, string]> = {
  country: [/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US or CN'],
  currency: [/^[A-Z]{3}$/, 'an ISO 4217 code such as USD or KRW'],
  currency_code: [/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY or KRW'],
};

/** The zod schema of one column's value (never null; nullability is added by the caller). */
export function valueSchema(column: Column): z.ZodType {
  switch (column.type) {
    case 'id':
    case 'ref':
      return idSchema;
    case 'refs':
      return z.array(idSchema).max(200);
    case 'enum':
      return z.enum(column.values as [string, ...string[]]);
    case 'integer':
    case 'money': {
      let s = z.number().int().max(Number.MAX_SAFE_INTEGER);
      if (column.min !== undefined) s = s.min(column.min);
      if (column.max !== undefined) s = s.max(column.max);
      return s;
    }
    case 'number': {
      let s = z.number().finite();
      if (column.min !== undefined) s = s.min(column.min);
      if (column.max !== undefined) s = s.max(column.max);
      return s;
    }
    case 'date':
      return dateSchema;
    case 'timestamp':
      return z.string();
    case 'url':
      return z
        .string()
        .max(column.maxLength ?? 2000)
        .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), 'an http(s) URL');
    case 'json':
      return column.schema ?? z.json();
    case 'flag':
      return z.preprocess((v) => (v === true || v === 'true' ? 1 : v === false || v === 'false' ? 0 : v), z.union([z.literal(0), z.literal(1)]));
    case 'text':
    case 'longtext': {
      const pattern = PATTERNS[column.id];
      const base = textSchema(column);
      return pattern ? base.regex(pattern[0], pattern[1]) : base;
    }
  }
}

/** Empty strings mean "no value" everywhere, so a CSV round trip cannot tell them apart. */
const emptyToNull = (v: unknown) => (v === '' ? null : v);

function writableColumns(collection: Collection) {
  return collection.columns.filter((c) => !c.readOnly);
}

function fieldSchema(column: Column, requireValue: boolean): z.ZodType {
  if (column.type === 'refs') return valueSchema(column).optional();
  // A flag is never null: an empty cell or a null is 0 (the column's default).
  if (column.type === 'flag') return z.preprocess((v) => (v === '' || v === null ? 0 : v), valueSchema(column)).optional();
  const value = valueSchema(column);
  if (requireValue) return z.preprocess(emptyToNull, value);
  return z.preprocess(emptyToNull, value.nullable()).optional();
}

const cache = new Map<string, { create: z.ZodType; update: z.ZodType }>();

export function rowSchemas(collection: Collection) {
  let schemas = cache.get(collection.id);
  if (!schemas) {
    const create: Record<string, z.ZodType> = {};
    const update: Record<string, z.ZodType> = {};
    for (const column of writableColumns(collection)) {
      if (column.id === 'id') {
        create.id = idSchema.optional();
        continue;
      }
      create[column.id] = fieldSchema(column, Boolean(column.required));
      update[column.id] = column.required ? fieldSchema(column, true).optional() : fieldSchema(column, false);
    }
    schemas = { create: z.strictObject(create), update: z.strictObject(update) };
    cache.set(collection.id, schemas);
  }
  return schemas;
}

export type WriteData = Record<string, unknown>;

export function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({
    path: issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')).join(',') : issue.path.join('.') || '(body)',
    message: issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''}` : issue.message,
  }));
}
