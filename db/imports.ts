import { sql } from 'kysely';
import { getCollection } from '../lib/collections';
import type { ImportBatch, ImportMode, ImportResult } from '../lib/csv/import-types';
import { ApiError, notFound } from '../lib/errors';
import type { ChangeTable } from './types';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import { reconvertRounds } from './fx';
import { toDbValues, writeRefsLists, type Snapshot } from './repository';
import { COMPACT_AFTER_ROWS, compactSearchIndexes } from './search';
import { dynamic, type ImportTable } from './types';

// Import batches: the history list, and undo — every change of a batch reverted, newest first, in one
// transaction, and recorded in the change log like any other write.

const PAGE = 1000;

export async function recordBatch(trx: Executor, batch: { id: string; collection: string; actor: string; filename: string | null; mode: ImportMode; result: ImportResult }): Promise<void> {
  const { result } = batch;
  await trx
    .insertInto('imports')
    .values({
      id: batch.id,
      collection: batch.collection,
      at: new Date().toISOString(),
      actor: batch.actor,
      filename: batch.filename,
      mode: batch.mode,
      rows: result.rows,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejectedRows,
      investors_created: result.investorsCreated,
      undone_at: null,
      undone_by: null,
    })
    .execute();
}

function toBatch(row: ImportTable): ImportBatch {
  return {
    id: row.id,
    collection: row.collection,
    at: row.at,
    actor: row.actor,
    filename: row.filename,
    mode: row.mode,
    rows: Number(row.rows),
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    rejected: Number(row.rejected),
    investorsCreated: Number(row.investors_created),
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
  };
}

export async function listBatches(db: Executor, limit = 100): Promise<ImportBatch[]> {
  const rows = await db.selectFrom('imports').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toBatch);
}

type ChangeRow = Pick<ChangeTable, 'collection' | 'row_id' | 'before' | 'after'> & { id: number };

const parse = (text: string | null) => (text ? (JSON.parse(text) as Snapshot) : null);

/** Refuse to undo over a later edit: the row must still be as the import left it. */
async function assertUntouched(trx: Executor, changes: ChangeRow[]): Promise<Set<string>> {
  const gone = new Set<string>();
  const byCollection = new Map<string, ChangeRow[]>();
  for (const change of changes) {
    const list = byCollection.get(change.collection);
    if (list) list.push(change);
    else byCollection.set(change.collection, [change]);
  }
  for (const [collectionId, list] of byCollection) {
    const collection = getCollection(collectionId);
    const ids = list.map((c) => c.row_id);
    const current = await dynamic(trx as Atlas['db'])
      .selectFrom(collection.table)
      .select([sql<string>`id`.as('id'), sql<string>`updated_at`.as('updated_at')])
      .where(sql<boolean>`id in (${sql.join(ids)})`)
      .execute();
    const stamps = new Map(current.map((r) => [String(r.id), String(r.updated_at)]));
    for (const change of list) {
      const stamp = stamps.get(change.row_id);
      if (stamp === undefined && change.before === null) gone.add(`${collectionId}/${change.row_id}`);
      else if (stamp !== parse(change.after)?.updated_at) {
        throw new ApiError(409, `cannot undo: ${collection.singular.en.toLowerCase()} "${change.row_id}" was changed after the import; undo that change first`);
      }
    }
  }
  return gone;
}

/** Collections in an order where a collection comes before the collections its rows point at. */
function referrersFirst(collectionIds: string[]): string[] {
  const left = [...collectionIds];
  const ordered: string[] = [];
  while (left.length) {
    const pointedAt = new Set(left.flatMap((id) => getCollection(id).columns.filter((c) => c.type === 'ref' || c.type === 'refs').map((c) => c.ref ?? '')));
    const next = left.find((id) => !pointedAt.has(id) || left.length === 1) ?? left[0];
    ordered.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return ordered;
}

async function revertPage(trx: Executor, changes: ChangeRow[], ctx: { actor: string; batchId: string; at: string }): Promise<void> {
  const gone = await assertUntouched(trx, changes);
  const live = changes.filter((c) => !gone.has(`${c.collection}/${c.row_id}`));
  // Updated rows first (their old values never point at rows the import created), then the created rows.
  for (const change of live.filter((c) => c.before !== null)) {
    const collection = getCollection(change.collection);
    const before = parse(change.before) as Snapshot;
    await dynamic(trx as Atlas['db']).updateTable(collection.table).set(toDbValues(collection, before)).where(sql.ref('id'), '=', change.row_id).execute();
    await writeRefsLists(trx, collection, change.row_id, before, true);
  }
  const created = new Map<string, string[]>();
  for (const change of live.filter((c) => c.before === null)) {
    const ids = created.get(change.collection);
    if (ids) ids.push(change.row_id);
    else created.set(change.collection, [change.row_id]);
  }
  for (const collectionId of referrersFirst([...created.keys()])) {
    const collection = getCollection(collectionId);
    // Rows of one collection may point at each other (a company's parent), and a restricting foreign key is
    // checked row by row in whatever order the delete visits them: cut those links first.
    const selfRefs = collection.columns.filter((c) => c.type === 'ref' && c.ref === collectionId);
    const ids = created.get(collectionId) ?? [];
    for (let i = 0; i < ids.length; i += PAGE / 2) {
      const among = sql<boolean>`id in (${sql.join(ids.slice(i, i + PAGE / 2))})`;
      for (const column of selfRefs) {
        await dynamic(trx as Atlas['db']).updateTable(collection.table).set({ [column.id]: null }).where(among).where(sql.ref(column.id), 'is not', null).execute();
      }
      await dynamic(trx as Atlas['db']).deleteFrom(collection.table).where(among).execute();
    }
  }
  const entries = live.map((c) => ({ at: ctx.at, actor: ctx.actor, collection: c.collection, row_id: c.row_id, action: c.before ? ('update' as const) : ('delete' as const), before: c.after, after: c.before, batch_id: ctx.batchId }));
  for (let i = 0; i < entries.length; i += PAGE / 4) await trx.insertInto('changes').values(entries.slice(i, i + PAGE / 4)).execute();
}

function isForeignKeyError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  // SQLite reports a restricting foreign key (ON DELETE RESTRICT) as a trigger constraint.
  const restricted = code === 'SQLITE_CONSTRAINT_TRIGGER' && typeof message === 'string' && message.includes('FOREIGN KEY');
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503' || code === '23001' || restricted;
}

/** Revert every change of a committed import batch, newest first, in one transaction. */
export async function undoBatch(atlas: Atlas, batchId: string, actor: string): Promise<ImportBatch> {
  try {
    return await atlas.db.transaction().execute(async (trx) => {
      const batch = await trx.selectFrom('imports').selectAll().where('id', '=', batchId).executeTakeFirst();
      if (!batch) throw notFound(`no import batch "${batchId}"`);
      if (batch.undone_at) throw new ApiError(409, `import batch "${batchId}" was already undone at ${batch.undone_at}`);
      const ctx = { actor, batchId: `${batchId}-undo`, at: new Date().toISOString() };
      let last: number | null = null;
      let reverted = 0;
      for (;;) {
        let query = trx.selectFrom('changes').select(['id', 'collection', 'row_id', 'before', 'after']).where('batch_id', '=', batchId);
        if (last !== null) query = query.where('id', '<', last);
        const page = (await query.orderBy('id', 'desc').limit(PAGE).execute()).map((c) => ({ ...c, id: Number(c.id) }));
        if (page.length === 0) break;
        await revertPage(trx, page, ctx);
        reverted += page.length;
        last = page[page.length - 1].id;
      }
      if (batch.collection === 'fx-rates') await reconvertRounds(trx, 'all');
      if (reverted >= COMPACT_AFTER_ROWS) await compactSearchIndexes(trx, atlas.dialect);
      await trx.updateTable('imports').set({ undone_at: ctx.at, undone_by: actor }).where('id', '=', batchId).execute();
      return toBatch({ ...batch, undone_at: ctx.at, undone_by: actor });
    });
  } catch (error) {
    if (isForeignKeyError(error)) throw new ApiError(409, 'cannot undo: rows this import created are now referenced by other rows; remove those references first');
    throw error;
  }
}
