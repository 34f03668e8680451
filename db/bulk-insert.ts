import { once } from 'node:events';
import { PostgresAdapter, sql, type CompiledQuery } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Executor } from './changes';
import { pgClients, type Atlas } from './connection';
import { dynamic } from './types';

// The bulk writer's one statement: `insert into table (columns) values (…), (…), …`, a few hundred rows per
// statement, through Kysely on either dialect (docs/decisions/012-bulk-insert-through-kysely.md). Each
// statement shape is built by Kysely once per dialect and then run with new bound values, so a million rows do
// not mean a million query trees; a batch's values go in one flat parameter list, never an array per row.
// PostgreSQL takes larger sets as COPY FROM STDIN on the transaction's own connection instead: no statement to
// parse and plan per few hundred rows (docs/decisions/030-import-write-path.md).

const ROWS_PER_STATEMENT = 256;
/** PostgreSQL: sets of at least this many rows go by COPY. */
const COPY_FROM_ROWS = 64;

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

/** COPY runs on the connection of a PostgreSQL transaction (outside one, each query may take another). */
const copies = (trx: Executor) => trx.isTransaction && trx.getExecutor().adapter instanceof PostgresAdapter;

/** The pool client a PostgreSQL transaction runs on (looked up once per transaction). */
const clients = new WeakMap<Executor, pg.PoolClient>();
async function clientOf(trx: Executor): Promise<pg.PoolClient | null> {
  const known = clients.get(trx);
  if (known) return known;
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  const client = pgClients.get(Number(rows[0]?.pid)) ?? null;
  if (client) clients.set(trx, client);
  return client;
}

/** One value in COPY's text format: \N for null, backslash escapes for the characters that end a field or row. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], count: number, fill: (row: number, into: unknown[]) => void): Promise<void> {
  const quoted = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  const stream = client.query(copyFrom(`copy "${table.replace(/"/g, '""')}" (${quoted}) from stdin`));
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  let text = '';
  for (let row = 0; row < count; row++) {
    const values: unknown[] = [];
    fill(row, values);
    text += `${values.map(copyText).join('\t')}\n`;
    if (text.length > 1 << 20) {
      const full = !stream.write(text);
      text = '';
      if (full) await Promise.race([once(stream, 'drain'), failed]);
    }
  }
  stream.end(text);
  await Promise.race([once(stream, 'finish'), failed]);
}

/**
 * Insert `count` rows whose values, in `columns` order, `fill` appends to a flat parameter list (one list per
 * statement). Runs inside the caller's transaction.
 */
export async function insertMany(trx: Executor, table: string, columns: readonly string[], count: number, fill: (row: number, into: unknown[]) => void): Promise<void> {
  if (count >= COPY_FROM_ROWS && copies(trx)) {
    const client = await clientOf(trx);
    if (client) return copyRows(client, table, columns, count, fill);
  }
  let offset = 0;
  for (const size of statementSizes(count, ROWS_PER_STATEMENT)) {
    const parameters: unknown[] = [];
    for (let row = offset; row < offset + size; row++) fill(row, parameters);
    await trx.executeQuery({ ...insertTemplate(trx, table, columns, size), parameters });
    offset += size;
  }
}
