import { sql } from 'kysely';
import { storedColumns } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import type { Participants } from '../lib/csv/compare';
import type { ChangeAction, Executor } from './changes';
import type { Atlas } from './connection';
import { insertMany } from './bulk-insert';
import { writeLinks } from './relations';
import type { Snapshot } from './repository';
import { dynamic } from './types';

// The bulk write path of an import: rows, participant lists and change-log entries inside the caller's
// transaction, new rows and change-log entries as multi-row inserts on either dialect (db/bulk-insert.ts),
// participant lists through db/relations.ts.

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
}

const dyn = (trx: Executor) => dynamic(trx as Atlas['db']);

const dbValue = (type: string, value: unknown) => (type === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null));

async function insertRows(trx: Executor, collection: Collection, writes: RowWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const columns = storedColumns(collection);
  await insertMany(trx, collection.table, columns.map((c) => c.id), writes.length, (row, into) => {
    const after = writes[row].after;
    for (const column of columns) into.push(dbValue(column.type, after[column.id]));
  });
}

async function updateRows(trx: Executor, collection: Collection, writes: RowWrite[]): Promise<void> {
  for (const write of writes) {
    await dyn(trx).updateTable(collection.table).set(write.set ?? {}).where(sql.ref('id'), '=', write.id).execute();
  }
}

async function recordChanges(trx: Executor, writes: RowWrite[], ctx: WriteContext): Promise<void> {
  const columns = ['at', 'actor', 'collection', 'row_id', 'action', 'before', 'after', 'batch_id'];
  await insertMany(trx, 'changes', columns, writes.length, (row, into) => {
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
  for (const [collection, group] of groups) await insertRows(trx, collection, group.filter((w) => w.action === 'create'));
  for (const [collection, group] of groups) await updateRows(trx, collection, group.filter((w) => w.action === 'update'));
  for (const [collection, group] of groups) {
    await writeLinks(trx, collection, group.map((w) => ({ id: w.id, lists: w.participants ? { ...w.participants } : null, replace: w.action === 'update' })));
  }
  await recordChanges(trx, writes, ctx);
}
