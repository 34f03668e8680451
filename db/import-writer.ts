import { sql, type CompiledQuery } from 'kysely';
import { storedColumns } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import type { Participants } from '../lib/csv/compare';
import type { ChangeAction, Executor } from './changes';
import type { Atlas } from './connection';
import type { Prepare } from './statement-cache';
import type { Snapshot } from './repository';
import { dynamic } from './types';

// The bulk write path of an import: rows, participants and change-log entries inside the caller's
// transaction. Each statement shape is built by Kysely once and then run with new bound values, so a million
// rows do not mean a million query trees. PostgreSQL gets multi-row statements (fewer round trips). SQLite
// runs in-process, where a prepared single-row insert is fastest (a multi-row VALUES list costs it about half
// as much again) and an await per row would cost more than the insert: there the Kysely-compiled statement
// runs row after row on the transaction's own connection (see db/statement-cache.ts).

const ROWS_PER_STATEMENT = 256;

export interface RowWrite {
  collection: Collection;
  action: Extract<ChangeAction, 'create' | 'update'>;
  id: string;
  /** Update only: the database values to set. */
  set?: Record<string, unknown>;
  /** Participant lists to store (null: leave them as they are). */
  participants: Participants | null;
  before: Snapshot | null;
  after: Snapshot;
}

interface WriteContext {
  actor: string;
  batchId: string;
  at: string;
  /** SQLite: the connection's prepared statements; null on PostgreSQL. */
  prepare: Prepare | null;
}

const dyn = (trx: Executor) => dynamic(trx as Atlas['db']);

const templates = new WeakMap<object, Map<string, CompiledQuery>>();

/** `insert into table (columns) values (…), (…)` for `rows` rows, compiled once per dialect and shape. */
function insertTemplate(trx: Executor, table: string, columns: readonly string[], rows: number): CompiledQuery {
  const adapter = trx.getExecutor().adapter;
  let cache = templates.get(adapter);
  if (!cache) templates.set(adapter, (cache = new Map()));
  const key = `${table}(${columns.join(',')})×${rows}`;
  let template = cache.get(key);
  if (!template) {
    const blank = Object.fromEntries(columns.map((c) => [c, null]));
    template = dyn(trx).insertInto(table).values(Array.from({ length: rows }, () => blank)).compile();
    cache.set(key, template);
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
 * Insert `count` rows whose values, in `columns` order, `fill` appends to a flat parameter list
 * (one list per statement, never an array per row).
 */
async function insertMany(trx: Executor, prepare: Prepare | null, table: string, columns: readonly string[], count: number, fill: (row: number, into: unknown[]) => void): Promise<void> {
  if (count === 0) return;
  if (prepare) {
    const statement = prepare(insertTemplate(trx, table, columns, 1).sql);
    for (let row = 0; row < count; row++) {
      const parameters: unknown[] = [];
      fill(row, parameters);
      statement.run(parameters);
    }
    return;
  }
  let offset = 0;
  for (const size of statementSizes(count, ROWS_PER_STATEMENT)) {
    const parameters: unknown[] = [];
    for (let row = offset; row < offset + size; row++) fill(row, parameters);
    await trx.executeQuery({ ...insertTemplate(trx, table, columns, size), parameters });
    offset += size;
  }
}

const dbValue = (type: string, value: unknown) => (type === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null));

async function insertRows(trx: Executor, prepare: Prepare | null, collection: Collection, writes: RowWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const columns = storedColumns(collection);
  await insertMany(trx, prepare, collection.table, columns.map((c) => c.id), writes.length, (row, into) => {
    const after = writes[row].after;
    for (const column of columns) into.push(dbValue(column.type, after[column.id]));
  });
}

async function updateRows(trx: Executor, collection: Collection, writes: RowWrite[]): Promise<void> {
  for (const write of writes) {
    await dyn(trx).updateTable(collection.table).set(write.set ?? {}).where(sql.ref('id'), '=', write.id).execute();
  }
}

async function writeParticipantLists(trx: Executor, prepare: Prepare | null, writes: RowWrite[]): Promise<void> {
  const replaced = writes.filter((w) => w.action === 'update' && w.participants).map((w) => w.id);
  for (let i = 0; i < replaced.length; i += 500) {
    await trx.deleteFrom('investment_participants').where('investment_id', 'in', replaced.slice(i, i + 500)).execute();
  }
  const rows: [string, string, number][] = [];
  for (const write of writes) {
    if (!write.participants) continue;
    const leads = write.participants.lead_investors;
    for (const id of write.participants.investors) rows.push([write.id, id, leads.includes(id) ? 1 : 0]);
  }
  await insertMany(trx, prepare, 'investment_participants', ['investment_id', 'investor_id', 'is_lead'], rows.length, (row, into) => into.push(...rows[row]));
}

async function recordChanges(trx: Executor, writes: RowWrite[], ctx: WriteContext): Promise<void> {
  const columns = ['at', 'actor', 'collection', 'row_id', 'action', 'before', 'after', 'batch_id'];
  await insertMany(trx, ctx.prepare, 'changes', columns, writes.length, (row, into) => {
    const w = writes[row];
    into.push(ctx.at, ctx.actor, w.collection.id, w.id, w.action, w.before ? JSON.stringify(w.before) : null, JSON.stringify(w.after), ctx.batchId);
  });
}

/**
 * Write one batch in order: new rows first (so that later rows and updates may point at them), then updates,
 * then participant lists, then one change-log entry per row in the order written (undo walks it backwards).
 * Writes of other collections (investor companies an import creates) must come first in `writes`.
 */
export async function writeBatch(trx: Executor, writes: RowWrite[], ctx: WriteContext): Promise<void> {
  if (writes.length === 0) return;
  const groups = new Map<Collection, RowWrite[]>();
  for (const write of writes) {
    const group = groups.get(write.collection);
    if (group) group.push(write);
    else groups.set(write.collection, [write]);
  }
  for (const [collection, group] of groups) await insertRows(trx, ctx.prepare, collection, group.filter((w) => w.action === 'create'));
  for (const [collection, group] of groups) await updateRows(trx, collection, group.filter((w) => w.action === 'update'));
  await writeParticipantLists(trx, ctx.prepare, writes);
  await recordChanges(trx, writes, ctx);
}
