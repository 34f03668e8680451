import { sql } from 'kysely';
import { getCollection } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import type { ImportBatch, ImportMode, ImportResult } from '../lib/csv/import-types';
import { ApiError, notFound } from '../lib/errors';
import type { ChangeTable } from './types';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import { reconvertRounds } from './fx';
import { applyCountDeltas, beginBulkWrites, CountDeltas, endBulkWrites } from './bulk-writes';
import { DeferredIndexes } from './deferred-indexes';
import { tablesOf } from './import-writer';
import { keepsCounts, KEPT_FOR_INVESTMENTS } from './kept-counts';
import { hasLinks, removeLinks } from './relations';
import { toDbValues, writeRefsLists, type Snapshot } from './repository';
import { Outbox } from './outbox';
import { COMPACT_AFTER_ROWS, compactSearchIndexes } from './search';
import { dynamic, type ImportTable } from './types';

// Import batches: the history list, and undo — every change of a batch reverted, newest first, in one
// transaction, and recorded in the change log like any other write.

const PAGE = 1000;

export async function recordBatch(trx: Executor, batch: { id: string; collection: string; actor: string; filename: string | null; mode: ImportMode; result: ImportResult; rowsAt: string | null }): Promise<void> {
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
      rows_at: batch.rowsAt,
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

const conflict = (collectionId: string, id: string) =>
  new ApiError(409, `cannot undo: ${getCollection(collectionId).singular.en.toLowerCase()} "${id}" was changed after the import; undo that change first`);

interface UndoContext {
  trx: Executor;
  dialect: Atlas['dialect'];
  counts: CountDeltas;
  actor: string;
  batchId: string;
  at: string;
}

const among = (ids: readonly string[]) => sql<boolean>`id in (${sql.join(ids)})`;

/** Set the rows an import updated back as they were (one page of its change-log entries), after checking that none was edited since. */
async function revertUpdates(u: UndoContext, changes: ChangeRow[]): Promise<void> {
  for (let i = 0; i < changes.length; i += PAGE / 2) {
    const page = changes.slice(i, i + PAGE / 2);
    for (const [collectionId, list] of groupBy(page, (c) => c.collection)) {
      const collection = getCollection(collectionId);
      const current = await dynamic(u.trx as Atlas['db']).selectFrom(collection.table).select([sql<string>`id`.as('id'), sql<string>`updated_at`.as('updated_at')]).where(among(list.map((c) => c.row_id))).execute();
      const stamps = new Map(current.map((r) => [String(r.id), String(r.updated_at)]));
      for (const change of list) if (stamps.get(change.row_id) !== parse(change.after)?.updated_at) throw conflict(collectionId, change.row_id);
    }
  }
  for (const change of changes) {
    const collection = getCollection(change.collection);
    const before = parse(change.before) as Snapshot;
    const after = parse(change.after);
    await dynamic(u.trx as Atlas['db']).updateTable(collection.table).set(toDbValues(collection, before)).where(sql.ref('id'), '=', change.row_id).execute();
    await writeRefsLists(u.trx, collection, change.row_id, before, true);
    u.counts.row(collection, after, -1);
    u.counts.row(collection, before, 1);
    if (hasLinks(collection)) {
      u.counts.lists(collection, after, -1);
      u.counts.lists(collection, before, 1);
    }
  }
  const entries = changes.map((c) => ({ at: u.at, actor: u.actor, collection: c.collection, row_id: c.row_id, action: 'update' as const, before: c.after, after: c.before, batch_id: u.batchId }));
  for (let i = 0; i < entries.length; i += PAGE / 4) await u.trx.insertInto('changes').values(entries.slice(i, i + PAGE / 4)).execute();
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
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

/**
 * The rows of a batch created in one collection, newest first, as `import_rows` keeps them: one entry's ids at a time
 * (its JSON list, parsed when its turn comes, so that a million ids never sit in memory as one list), each row to
 * carry `stamp` as its updated_at still.
 */
interface CreatedSlice {
  stamp: string | null;
  /** The ids newest first, or an `import_rows` entry's JSON list (oldest first). */
  ids: string[] | string;
}

interface Created {
  slices: CreatedSlice[];
  count: number;
}

const idsOf = (slice: CreatedSlice): string[] => (typeof slice.ids === 'string' ? (JSON.parse(slice.ids) as string[]).reverse() : slice.ids);

/**
 * Delete rows an import created, newest first (a row's parent, defined earlier in the file, goes after it), a
 * thousand at a time: each must still carry the stamp the import gave it (rows deleted since are skipped, a row
 * edited since fails the undo).
 */
async function deleteCreated(u: UndoContext, collection: Collection, slices: readonly CreatedSlice[]): Promise<void> {
  for (const slice of slices) {
    const ids = idsOf(slice);
    for (let i = 0; i < ids.length; i += PAGE) await deletePage(u, collection, ids.slice(i, i + PAGE), slice.stamp);
  }
}

async function deletePage(u: UndoContext, collection: Collection, ids: string[], stamp: string | null): Promise<void> {
  const db = dynamic(u.trx as Atlas['db']);
  // Rows of one collection may point at each other (a company's parent), and a restricting foreign key is checked
  // row by row in whatever order the delete visits them: cut those links first.
  const selfRefs = collection.columns.filter((c) => c.type === 'ref' && c.ref === collection.id);
  const kept = [...KEPT_FOR_INVESTMENTS].filter((c) => keepsCounts(collection, c));
  for (const column of selfRefs) await db.updateTable(collection.table).set({ [column.id]: null }).where(among(ids)).where(sql.ref(column.id), 'is not', null).execute();
  const linked = await removeLinks(u.trx, collection, ids);
  // Only rows that still carry the stamp go; one that is left was edited since (the transaction is then rolled back).
  const deleted = await db
    .deleteFrom(collection.table)
    .where(among(ids))
    .where(sql.ref('updated_at'), '=', stamp)
    .returning([sql<string>`id`.as('id'), ...kept.map((c) => sql.ref(c).as(c))])
    .execute();
  if (deleted.length < ids.length) {
    const edited = await db.selectFrom(collection.table).select(sql<string>`id`.as('id')).where(among(ids)).limit(1).execute();
    if (edited.length) throw conflict(collection.id, String(edited[0].id));
  }
  for (const { link, linked: to } of linked) u.counts.linked(link, to, -1);
  if (kept.length) for (const row of deleted) u.counts.row(collection, row, -1);
}

/** The rows a batch created, per collection, newest first: from its `import_rows` entries and (before migration 020) its change log. */
async function createdRows(trx: Executor, batch: ImportTable, legacy: Map<string, { id: string; stamp: string | null }[]>): Promise<Map<string, Created>> {
  const entries = await trx.selectFrom('import_rows').select(['collection', 'ids']).where('batch_id', '=', batch.id).orderBy('seq', 'desc').execute();
  const created = new Map<string, Created>();
  const of = (collection: string) => {
    let found = created.get(collection);
    if (!found) created.set(collection, (found = { slices: [], count: 0 }));
    return found;
  };
  for (const entry of entries) {
    const into = of(entry.collection);
    into.slices.push({ stamp: batch.rows_at, ids: entry.ids });
    into.count += (JSON.parse(entry.ids) as string[]).length;
  }
  for (const [collection, rows] of legacy) {
    const into = of(collection);
    // Rows logged whole carry their own stamps: a slice per run of rows with the same one.
    for (const row of rows) {
      const last = into.slices[into.slices.length - 1];
      if (last && last.stamp === row.stamp && Array.isArray(last.ids) && last.ids.length < PAGE) last.ids.push(row.id);
      else into.slices.push({ stamp: row.stamp, ids: [row.id] });
    }
    into.count += rows.length;
  }
  return created;
}

/** The clock an import stamped its rows with: its created rows' stamp, or an updated row's from the change log. */
async function importClock(trx: Executor, batch: ImportTable): Promise<string | null> {
  if (batch.rows_at) return batch.rows_at;
  const change = await trx.selectFrom('changes').select('after').where('batch_id', '=', batch.id).orderBy('id', 'asc').limit(1).executeTakeFirst();
  const after = parse(change?.after ?? null);
  return typeof after?.updated_at === 'string' ? after.updated_at : null;
}

function isForeignKeyError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  // SQLite reports a restricting foreign key (ON DELETE RESTRICT) as a trigger constraint.
  const restricted = code === 'SQLITE_CONSTRAINT_TRIGGER' && typeof message === 'string' && message.includes('FOREIGN KEY');
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503' || code === '23001' || restricted;
}

/**
 * Revert a committed import batch in one transaction: the rows it updated set back (newest first, each recorded in
 * the change log under `{batchId}-undo`), then the rows it created deleted, and the kept counts with them.
 */
export async function undoBatch(atlas: Atlas, batchId: string, actor: string): Promise<ImportBatch> {
  try {
    return await atlas.db.transaction().execute(async (trx) => {
      const batch = await trx.selectFrom('imports').selectAll().where('id', '=', batchId).executeTakeFirst();
      if (!batch) throw notFound(`no import batch "${batchId}"`);
      if (batch.undone_at) throw new ApiError(409, `import batch "${batchId}" was already undone at ${batch.undone_at}`);
      const u: UndoContext = { trx, dialect: atlas.dialect, counts: new CountDeltas(), actor, batchId: `${batchId}-undo`, at: new Date().toISOString() };
      const outbox = await Outbox.open(trx, atlas.dialect, batch.collection === 'investments' ? [getCollection('investments'), getCollection('companies')] : [getCollection(batch.collection)]);
      const clock = outbox ? await importClock(trx, batch) : null;
      if (outbox && clock) await outbox.noteBefore({ clock });
      await beginBulkWrites(trx, atlas.dialect);
      let last: number | null = null;
      let reverted = 0;
      const legacy = new Map<string, { id: string; stamp: string | null }[]>();
      const updatedIn = new Set<string>();
      for (;;) {
        let query = trx.selectFrom('changes').select(['id', 'collection', 'row_id', 'before', 'after']).where('batch_id', '=', batchId);
        if (last !== null) query = query.where('id', '<', last);
        const page = (await query.orderBy('id', 'desc').limit(PAGE).execute()).map((c) => ({ ...c, id: Number(c.id) }));
        if (page.length === 0) break;
        await revertUpdates(u, page.filter((c) => c.before !== null));
        for (const c of page) if (c.before !== null) updatedIn.add(c.collection);
        // Batches imported before migration 020 logged each created row whole.
        for (const c of page.filter((c) => c.before === null)) {
          const list = legacy.get(c.collection) ?? [];
          legacy.set(c.collection, list);
          list.push({ id: c.row_id, stamp: String(parse(c.after)?.updated_at ?? '') });
        }
        reverted += page.length;
        last = page[page.length - 1].id;
      }
      const created = await createdRows(trx, batch, legacy);
      const indexes = new DeferredIndexes(trx, atlas.dialect);
      for (const collectionId of referrersFirst([...created.keys()])) {
        const rows = created.get(collectionId) ?? { slices: [], count: 0 };
        const tables = tablesOf(getCollection(collectionId));
        await indexes.measure(tables);
        await indexes.consider(tables, rows.count);
        await deleteCreated(u, getCollection(collectionId), rows.slices);
        // Before the rows they point at go: their foreign keys are checked through these indexes.
        await indexes.restore();
        reverted += rows.count;
      }
      await applyCountDeltas(trx, atlas.dialect, u.counts);
      await endBulkWrites(trx, atlas.dialect);
      if (batch.collection === 'fx-rates') await reconvertRounds(trx, 'all');
      const written = new Set([...created.keys(), ...updatedIn]);
      if (reverted >= COMPACT_AFTER_ROWS) await compactSearchIndexes(trx, atlas.dialect, [...written].map((id) => getCollection(id)));
      await trx.updateTable('imports').set({ undone_at: u.at, undone_by: actor }).where('id', '=', batchId).execute();
      if (outbox && clock) await outbox.close({ clock }, { undo: true });
      return toBatch({ ...batch, undone_at: u.at, undone_by: actor });
    });
  } catch (error) {
    if (isForeignKeyError(error)) throw new ApiError(409, 'cannot undo: rows this import created are now referenced by other rows; remove those references first');
    throw error;
  }
}
