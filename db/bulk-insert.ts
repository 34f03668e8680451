import type { CompiledQuery } from 'kysely';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import { dynamic } from './types';

// The bulk writer's one statement: `insert into table (columns) values (…), (…), …`, a few hundred rows per
// statement, through Kysely on either dialect (docs/decisions/012-bulk-insert-through-kysely.md). Each
// statement shape is built by Kysely once per dialect and then run with new bound values, so a million rows do
// not mean a million query trees; a batch's values go in one flat parameter list, never an array per row.

const ROWS_PER_STATEMENT = 256;

const templates = new WeakMap<object, Map<string, CompiledQuery>>();

/** `insert into table (columns) values (…), (…)` for `rows` rows, compiled once per dialect and shape. */
function insertTemplate(trx: Executor, table: string, columns: readonly string[], rows: number): CompiledQuery {
  const adapter = trx.getExecutor().adapter;
  let byShape = templates.get(adapter);
  if (!byShape) templates.set(adapter, (byShape = new Map()));
  const key = `${table}(${columns.join(',')})×${rows}`;
  let template = byShape.get(key);
  if (!template) {
    const blank = Object.fromEntries(columns.map((c) => [c, null]));
    template = dynamic(trx as Atlas['db']).insertInto(table).values(Array.from({ length: rows }, () => blank)).compile();
    byShape.set(key, template);
  }
  return template;
}

/** Statement sizes for n rows: full statements, then the remainder in powers of two (few distinct shapes). */
function statementSizes(n: number, most: number): number[] {
  const sizes: number[] = [];
  for (let left = n; left > 0; ) {
    const size = left >= most ? most : 2 ** Math.floor(Math.log2(left));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * Insert `count` rows whose values, in `columns` order, `fill` appends to a flat parameter list (one list per
 * statement). Runs inside the caller's transaction.
 */
export async function insertMany(trx: Executor, table: string, columns: readonly string[], count: number, fill: (row: number, into: unknown[]) => void): Promise<void> {
  let offset = 0;
  for (const size of statementSizes(count, ROWS_PER_STATEMENT)) {
    const parameters: unknown[] = [];
    for (let row = offset; row < offset + size; row++) fill(row, parameters);
    await trx.executeQuery({ ...insertTemplate(trx, table, columns, size), parameters });
    offset += size;
  }
}
