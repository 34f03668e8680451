import type { Kysely, Transaction } from 'kysely';
import type { ChangeTable, Database } from './types';

export type ChangeAction = ChangeTable['action'];
export type Executor = Kysely<Database> | Transaction<Database>;

export interface ChangeEntry {
  id: number;
  at: string;
  actor: string;
  collection: string;
  rowId: string;
  action: ChangeAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  batchId: string | null;
}

export async function recordChange(
  trx: Executor,
  entry: { actor: string; collection: string; rowId: string; action: ChangeAction; before: unknown; after: unknown; batchId?: string | null },
): Promise<void> {
  await trx
    .insertInto('changes')
    .values({
      at: new Date().toISOString(),
      actor: entry.actor,
      collection: entry.collection,
      row_id: entry.rowId,
      action: entry.action,
      before: entry.before == null ? null : JSON.stringify(entry.before),
      after: entry.after == null ? null : JSON.stringify(entry.after),
      batch_id: entry.batchId ?? null,
    })
    .execute();
}

function toEntry(raw: Omit<ChangeTable, 'id'> & { id: number }): ChangeEntry {
  return {
    id: Number(raw.id),
    at: raw.at,
    actor: raw.actor,
    collection: raw.collection,
    rowId: raw.row_id,
    action: raw.action,
    before: raw.before ? JSON.parse(raw.before) : null,
    after: raw.after ? JSON.parse(raw.after) : null,
    batchId: raw.batch_id,
  };
}

export async function historyOf(db: Executor, collection: string, rowId: string): Promise<ChangeEntry[]> {
  const rows = await db.selectFrom('changes').selectAll().where('collection', '=', collection).where('row_id', '=', rowId).orderBy('id', 'desc').limit(500).execute();
  return rows.map(toEntry);
}

export async function getChange(db: Executor, id: number): Promise<ChangeEntry | null> {
  const raw = await db.selectFrom('changes').selectAll().where('id', '=', id).executeTakeFirst();
  return raw ? toEntry(raw) : null;
}

export async function recentChanges(db: Executor, limit = 100): Promise<ChangeEntry[]> {
  const rows = await db.selectFrom('changes').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toEntry);
}
