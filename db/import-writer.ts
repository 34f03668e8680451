import { sql } from 'kysely';
import { storedColumns } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import type { Participants } from '../lib/csv/compare';
import type { ChangeAction, Executor } from './changes';
import type { Atlas } from './connection';
import { toDbValues, type Snapshot } from './repository';
import { dynamic } from './types';

// The bulk write path of an import: rows, participants and change-log entries in multi-row statements,
// inside the caller's transaction. Values are converted by the repository's own helpers.

/** Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

export interface RowWrite {
  collection: Collection;
  action: Extract<ChangeAction, 'create' | 'update'>;
  id: string;
  /** Database values to store (all stored columns for a create, the changed ones for an update). */
  values: Record<string, unknown>;
  participants: Participants | null;
  before: Snapshot | null;
  after: Snapshot;
}

const dyn = (trx: Executor) => dynamic(trx as Atlas['db']);

function slices<T>(items: T[], width: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, width)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every stored column of a new row, null where the row has no value, in database form. */
export function insertValues(collection: Collection, row: Snapshot): Record<string, unknown> {
  const values = toDbValues(collection, row);
  for (const column of storedColumns(collection)) values[column.id] ??= null;
  return values;
}

async function insertRows(trx: Executor, collection: Collection, writes: RowWrite[]): Promise<void> {
  const width = storedColumns(collection).length;
  for (const slice of slices(writes, width)) {
    await dyn(trx).insertInto(collection.table).values(slice.map((w) => w.values)).execute();
  }
}

async function updateRows(trx: Executor, collection: Collection, writes: RowWrite[]): Promise<void> {
  for (const write of writes) {
    await dyn(trx).updateTable(collection.table).set(write.values).where(sql.ref('id'), '=', write.id).execute();
  }
}

async function writeParticipantLists(trx: Executor, writes: RowWrite[]): Promise<void> {
  const replaced = writes.filter((w) => w.action === 'update' && w.participants).map((w) => w.id);
  for (const slice of slices(replaced, 1)) {
    await trx.deleteFrom('investment_participants').where('investment_id', 'in', slice).execute();
  }
  const rows = writes.flatMap((w) => {
    if (!w.participants) return [];
    const leads = new Set(w.participants.lead_investors);
    return w.participants.investors.map((id) => ({ investment_id: w.id, investor_id: id, is_lead: leads.has(id) ? 1 : 0 }));
  });
  for (const slice of slices(rows, 3)) await trx.insertInto('investment_participants').values(slice).execute();
}

async function recordChanges(trx: Executor, writes: RowWrite[], ctx: { actor: string; batchId: string; at: string }): Promise<void> {
  const entries = writes.map((w) => ({
    at: ctx.at,
    actor: ctx.actor,
    collection: w.collection.id,
    row_id: w.id,
    action: w.action,
    before: w.before ? JSON.stringify(w.before) : null,
    after: JSON.stringify(w.after),
    batch_id: ctx.batchId,
  }));
  for (const slice of slices(entries, 8)) await trx.insertInto('changes').values(slice).execute();
}

/**
 * Write one batch in order: new rows first (so that later rows and updates may point at them), then updates,
 * then participant lists, then one change-log entry per row in the order written (undo walks it backwards).
 */
export async function writeBatch(trx: Executor, writes: RowWrite[], ctx: { actor: string; batchId: string; at: string }): Promise<void> {
  if (writes.length === 0) return;
  const groups = new Map<Collection, RowWrite[]>();
  for (const write of writes) {
    const group = groups.get(write.collection);
    if (group) group.push(write);
    else groups.set(write.collection, [write]);
  }
  for (const [collection, group] of groups) await insertRows(trx, collection, group.filter((w) => w.action === 'create'));
  for (const [collection, group] of groups) await updateRows(trx, collection, group.filter((w) => w.action === 'update'));
  await writeParticipantLists(trx, writes);
  await recordChanges(trx, writes, ctx);
}
