import type { Collection, Column } from '../collections/types';
import { isValidId, isValidIsoDate } from '../collections/checks';
import { badRequest } from '../errors';
import { parseCurrencyParam } from '../fx/param';
import { DEFAULT_PAGE_SIZE, LIST_PARAMS, MAX_PAGE_SIZE, type ColumnFilter, type FilterOp, type QuerySpec } from './spec';

// Not imported from the registry index: the registry's own schemas (hypothesis indicators) parse queries, and
// an import back into the index would make a cycle that breaks bundled code.
const findColumn = (collection: Collection, id: string): Column | undefined => collection.columns.find((c) => c.id === id);

const RESERVED = new Set<string>(LIST_PARAMS);
// `__eq` spells equality for a column whose own name is a list parameter (investments' `currency`: `currency__eq=KRW`).
const OPERATORS: Record<string, FilterOp> = { eq: 'eq', gte: 'gte', lte: 'lte', contains: 'contains', isnull: 'isnull' };
const RANGE_TYPES = new Set(['integer', 'money', 'number', 'date', 'timestamp']);
const TEXT_TYPES = new Set(['id', 'text', 'longtext', 'url', 'ref']);
const MAX_VALUES = 200;
const MAX_TEXT = 500;

export interface ParseOptions {
  /** Parameters the caller handles itself (`facet`, `columns`, chart settings). */
  extra?: readonly string[];
}

function positiveInt(raw: string, param: string, max: number): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw badRequest(`${param} must be a whole number from 1 to ${max}`, param);
  }
  return Number(raw);
}

/** Turn one raw URL value into the typed value of a column, or explain why not. */
export function parseValue(column: Column, raw: string, param: string): string | number {
  if (raw.length > MAX_TEXT) throw badRequest(`${param} is longer than ${MAX_TEXT} characters`, param);
  switch (column.type) {
    case 'integer':
    case 'money':
    case 'number': {
      const n = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(n)) throw badRequest(`${param} must be a number, not "${raw}"`, param);
      return n;
    }
    case 'date':
      if (!isValidIsoDate(raw)) throw badRequest(`${param} must be a real date as YYYY-MM-DD, not "${raw}"`, param);
      return raw;
    case 'timestamp':
      if (!isValidIsoDate(raw.slice(0, 10)) || Number.isNaN(Date.parse(raw))) {
        throw badRequest(`${param} must be an ISO date or date-time, not "${raw}"`, param);
      }
      return raw;
    case 'flag':
      if (!['0', '1', 'true', 'false'].includes(raw)) throw badRequest(`${param} must be 1 or 0, not "${raw}"`, param);
      return raw === '1' || raw === 'true' ? 1 : 0;
    case 'enum':
      if (!column.values?.includes(raw)) {
        throw badRequest(`${param} must be one of ${column.values?.join(', ')}; got "${raw}"`, param);
      }
      return raw;
    default:
      return raw;
  }
}

function operatorAllowed(column: Column, op: FilterOp): boolean {
  if (column.virtual || column.type === 'json') return false;
  if (op === 'gte' || op === 'lte') return RANGE_TYPES.has(column.type);
  if (op === 'contains') return TEXT_TYPES.has(column.type);
  return true;
}

function parseFilter(collection: Collection, param: string, raws: string[]): ColumnFilter {
  const [columnId, opName, ...rest] = param.split('__');
  const column = findColumn(collection, columnId);
  if (!column || rest.length > 0) throw badRequest(`unknown parameter "${param}"`, param);
  const op: FilterOp = opName === undefined ? 'eq' : OPERATORS[opName];
  if (!op) throw badRequest(`unknown operator "__${opName}" in "${param}"`, param);
  if (!operatorAllowed(column, op)) throw badRequest(`"${param}": ${column.id} cannot be filtered with ${op}`, param);
  if (raws.length > MAX_VALUES) throw badRequest(`${param} is repeated more than ${MAX_VALUES} times`, param);
  if (op !== 'eq' && raws.length > 1) throw badRequest(`${param} may be given only once`, param);
  if (op === 'isnull') {
    if (!['1', '0', 'true', 'false'].includes(raws[0])) throw badRequest(`${param} must be 1 or 0`, param);
    return { column, op, values: [raws[0] === '1' || raws[0] === 'true'] };
  }
  if (op === 'contains') {
    if (raws[0].length > MAX_TEXT) throw badRequest(`${param} is longer than ${MAX_TEXT} characters`, param);
    return { column, op, values: [raws[0]] };
  }
  return { column, op, values: raws.map((raw) => parseValue(column, raw, param)) };
}

/** Parse a list URL (API or page) into a validated query spec. Unknown parameters are a 400. */
export function parseQuery(collection: Collection, params: URLSearchParams, options: ParseOptions = {}): QuerySpec {
  const extra = new Set(options.extra ?? []);
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (extra.has(key)) continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const single = (key: string) => {
    const values = grouped.get(key);
    if (values && values.length > 1) throw badRequest(`${key} may be given only once`, key);
    return values?.[0];
  };

  const currency = parseCurrencyParam(single('currency'));
  const q = single('q')?.trim() || null;
  if (q && q.length > MAX_TEXT) throw badRequest(`q is longer than ${MAX_TEXT} characters`, 'q');

  const sortId = single('sort') ?? collection.defaultSort.column;
  const sortColumn = findColumn(collection, sortId);
  if (!sortColumn?.sortable) throw badRequest(`cannot sort by "${sortId}"`, 'sort');
  const orderRaw = single('order') ?? (single('sort') ? 'asc' : collection.defaultSort.order);
  if (orderRaw !== 'asc' && orderRaw !== 'desc') throw badRequest('order must be asc or desc', 'order');

  const pageRaw = single('page');
  const sizeRaw = single('pageSize');
  const page = pageRaw === undefined ? 1 : positiveInt(pageRaw, 'page', 1_000_000);
  const pageSize = sizeRaw === undefined ? DEFAULT_PAGE_SIZE : positiveInt(sizeRaw, 'pageSize', MAX_PAGE_SIZE);

  const filters: ColumnFilter[] = [];
  const relations: QuerySpec['relations'] = [];
  for (const [param, raws] of grouped) {
    if (RESERVED.has(param)) continue;
    const relationFilter = collection.relationFilters?.find((f) => f.param === param);
    if (relationFilter) {
      const target = findColumn(collection, relationFilter.column)?.ref ?? 'rows';
      for (const raw of raws) {
        if (!isValidId(raw)) throw badRequest(`${param} must be an id of ${target}`, param);
        relations.push({ filter: relationFilter, id: raw });
      }
      continue;
    }
    filters.push(parseFilter(collection, param, raws));
  }

  return { collection, q, sort: { column: sortColumn, order: orderRaw }, page, pageSize, filters, relations, currency };
}

/** The inverse of parseQuery for the parameters it owns: used to build links that keep the view. */
export function specToParams(spec: QuerySpec): URLSearchParams {
  const params = new URLSearchParams();
  if (spec.q) params.set('q', spec.q);
  for (const f of spec.filters) {
    const key = f.op === 'eq' && !RESERVED.has(f.column.id) ? f.column.id : `${f.column.id}__${f.op}`;
    for (const v of f.values) params.append(key, f.op === 'isnull' ? (v ? '1' : '0') : String(v));
  }
  for (const r of spec.relations) params.append(r.filter.param, r.id);
  const d = spec.collection.defaultSort;
  if (spec.sort.column.id !== d.column || spec.sort.order !== d.order) {
    params.set('sort', spec.sort.column.id);
    params.set('order', spec.sort.order);
  }
  if (spec.page !== 1) params.set('page', String(spec.page));
  if (spec.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(spec.pageSize));
  if (spec.currency) params.set('currency', spec.currency);
  return params;
}
