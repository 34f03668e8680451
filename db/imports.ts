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
 * Delete rows an import created, newest first (a row's parent, defined earlier in the file, goes after it), a few
 * hundred at a time: each must still carry the stamp the import gave it (rows deleted since are skipped).
 */
async function deleteCreated(u: UndoContext, collection: Collection, rows: { id: string; stamp: string | null }[]): Promise<void> {
  const db = dynamic(u.trx as Atlas['db']);
  // Rows of one collection may point at each other (a company's parent), and a restricting foreign key is checked
  // row by row in whatever order the delete visits them: cut those links first.
  const selfRefs = collection.columns.filter((c) => c.type === 'ref' && c.ref === collection.id);
  const kept = [...KEPT_FOR_INVESTMENTS].filter((c) => keepsCounts(collection, c));
  for (let i = 0; i < rows.length; i += PAGE) {
    const slice = rows.slice(i, i + PAGE);
    const stamps = new Map(slice.map((r) => [r.id, r.stamp]));
    const ids = [...stamps.keys()];
    const current = await db.selectFrom(collection.table).select([sql<string>`id`.as('id'), sql<string>`updated_at`.as('updated_at')]).where(among(ids)).execute();
    for (const row of current) if (String(row.updated_at) !== stamps.get(String(row.id))) throw conflict(collection.id, String(row.id));
    if (current.length === 0) continue;
    for (const column of selfRefs) await db.updateTable(collection.table).set({ [column.id]: null }).where(among(ids)).where(sql.ref(column.id), 'is not', null).execute();
    for (const { link, linked } of await removeLinks(u.trx, collection, ids)) u.counts.linked(link, linked, -1);
    const deleted = db.deleteFrom(collection.table).where(among(ids));
    if (kept.length === 0) await deleted.execute();
    else for (const row of await deleted.returning(kept.map((c) => sql.ref(c).as(c))).execute()) u.counts.row(collection, row, -1);
  }
}

/** The rows a batch created, per collection, newest first: from its `import_rows` entries and (before migration 020) its change log. */
async function createdRows(trx: Executor, batch: ImportTable, legacy: Map<string, { id: string; stamp: string | null }[]>): Promise<Map<string, { id: string; stamp: string | null }[]>> {
  const entries = await trx.selectFrom('import_rows').select(['collection', 'ids']).where('batch_id', '=', batch.id).orderBy('seq', 'desc').execute();
  const created = new Map<string, { id: string; stamp: string | null }[]>();
  for (const entry of entries) {
    const list = created.get(entry.collection) ?? [];
    created.set(entry.collection, list);
    const ids = JSON.parse(entry.ids) as string[];
    for (let i = ids.length - 1; i >= 0; i--) list.push({ id: ids[i], stamp: batch.rows_at });
  }
  for (const [collection, rows] of legacy) created.set(collection, [...(created.get(collection) ?? []), ...rows]);
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
        const rows = created.get(collectionId) ?? [];
        const tables = tablesOf(getCollection(collectionId));
        await indexes.measure(tables);
        await indexes.consider(tables, rows.length);
        await deleteCreated(u, getCollection(collectionId), rows);
        // Before the rows they point at go: their foreign keys are checked through these indexes.
        await indexes.restore();
        reverted += rows.length;
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
