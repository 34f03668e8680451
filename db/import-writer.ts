import { sql } from 'kysely';
import { linkTablesOf, storedColumns } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import type { Participants } from '../lib/csv/compare';
import type { ChangeAction, Executor } from './changes';
import type { Atlas } from './connection';
import type { DialectName } from './dialect';
import { applyCountDeltas, beginBulkWrites, CountDeltas, endBulkWrites } from './bulk-writes';
import { insertMany } from './bulk-insert';
import { DeferredIndexes } from './deferred-indexes';
import { writeLinks } from './relations';
import type { Snapshot } from './repository';
import { dynamic } from './types';

// The bulk write path of an import, inside the caller's transaction: new rows as multi-row inserts
// (db/bulk-insert.ts), updates, participant lists through db/relations.ts, and the batch's record — the ids of
// the rows it created, a thousand to an `import_rows` entry, and a change-log entry with the row before and after
// for each row it updated (docs/decisions/030-import-write-path.md). The kept counts are added up here and stored
// once at the end (db/bulk-writes.ts).

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

/** Ids of created rows per `import_rows` entry. */
const IDS_PER_ENTRY = 1000;

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
    await dynamic(trx as Atlas['db']).updateTable(collection.table).set(write.set ?? {}).where(sql.ref('id'), '=', write.id).execute();
  }
}

/** A collection's table and its link tables: what writing its rows writes. */
export const tablesOf = (collection: Collection): string[] => [collection.table, ...linkTablesOf(collection).map((l) => l.link.table)];

const copiedColumns = new Map<Collection, string[]>();

/** The owner values a link table copies (round type and date of a round), from the row as written. */
function copiesOf(collection: Collection, row: Snapshot): Record<string, unknown> {
  let columns = copiedColumns.get(collection);
  if (!columns) copiedColumns.set(collection, (columns = [...new Set(collection.columns.flatMap((c) => c.relation?.link.copies ?? []))]));
  const copies: Record<string, unknown> = {};
  for (const c of columns) copies[c] = row[c] ?? null;
  return copies;
}

/** One import's writes, batch after batch, in one transaction: `begin`, `write`…, then `finish` before the commit. */
export class ImportWriter {
  private readonly counts = new CountDeltas();
  private readonly created = new Map<string, string[]>();
  private entries = 0;
  private readonly indexes: DeferredIndexes;
  /** Rows created so far per collection. */
  private readonly createdCount = new Map<Collection, number>();
  /** The created_at/updated_at of the rows the import created (the import's clock), once it wrote one. */
  rowsAt: string | null = null;
  /** The clock of the rows the import wrote (created or updated), once it wrote one. */
  writtenAt: string | null = null;

  constructor(
    private readonly trx: Executor,
    private readonly dialect: DialectName,
    private readonly ctx: { actor: string; batchId: string },
  ) {
    this.indexes = new DeferredIndexes(trx, dialect);
  }

  begin(): Promise<void> {
    return beginBulkWrites(this.trx, this.dialect);
  }

  /**
   * Write one batch in order: new rows first (so that later rows and updates may point at them), then updates,
   * then participant lists, then the record of the batch. Writes of other collections (investor companies an
   * import creates) must come first in `writes`.
   */
  async write(writes: RowWrite[], at: string): Promise<void> {
    if (writes.length === 0) return;
    this.writtenAt ??= at;
    const groups = new Map<Collection, RowWrite[]>();
    for (const write of writes) {
      const group = groups.get(write.collection);
      if (group) group.push(write);
      else groups.set(write.collection, [write]);
    }
    for (const [collection, group] of groups) {
      const creates = group.filter((w) => w.action === 'create');
      const tables = tablesOf(collection);
      await this.indexes.measure(tables);
      const count = (this.createdCount.get(collection) ?? 0) + creates.length;
      this.createdCount.set(collection, count);
      await this.indexes.consider(tables, count);
      await insertRows(this.trx, collection, creates);
    }
    for (const [collection, group] of groups) await updateRows(this.trx, collection, group.filter((w) => w.action === 'update'));
    for (const [collection, group] of groups) {
      const links = group.map((w) => ({ id: w.id, lists: w.participants ? { ...w.participants } : null, replace: w.action === 'update', copies: copiesOf(collection, w.after) }));
      await writeLinks(this.trx, collection, links);
    }
    const updates: RowWrite[] = [];
    for (const w of writes) {
      this.counts.row(w.collection, w.before, -1);
      this.counts.row(w.collection, w.after, 1);
      if (w.participants) {
        this.counts.lists(w.collection, w.before, -1);
        this.counts.lists(w.collection, w.participants, 1);
      }
      if (w.action === 'update') updates.push(w);
      else await this.noteCreated(w, at);
    }
    await this.recordUpdates(updates, at);
  }

  private async noteCreated(write: RowWrite, at: string): Promise<void> {
    this.rowsAt ??= at;
    const ids = this.created.get(write.collection.id) ?? [];
    this.created.set(write.collection.id, ids);
    ids.push(write.id);
    if (ids.length >= IDS_PER_ENTRY) await this.recordCreated(write.collection.id);
  }

  private async recordCreated(collectionId: string): Promise<void> {
    const ids = this.created.get(collectionId) ?? [];
    if (ids.length === 0) return;
    this.created.set(collectionId, []);
    await this.trx.insertInto('import_rows').values({ batch_id: this.ctx.batchId, seq: this.entries++, collection: collectionId, ids: JSON.stringify(ids) }).execute();
  }

  private async recordUpdates(writes: RowWrite[], at: string): Promise<void> {
    if (writes.length === 0) return;
    const columns = ['at', 'actor', 'collection', 'row_id', 'action', 'before', 'after', 'batch_id'];
    await insertMany(this.trx, 'changes', columns, writes.length, (row, into) => {
      const w = writes[row];
      into.push(at, this.ctx.actor, w.collection.id, w.id, w.action, w.before ? JSON.stringify(w.before) : null, JSON.stringify(w.after), this.ctx.batchId);
    });
  }

  /** Store what is left of the record and the kept counts, and turn the counting triggers on again. */
  async finish(): Promise<void> {
    for (const collectionId of this.created.keys()) await this.recordCreated(collectionId);
    await this.indexes.restore();
    await applyCountDeltas(this.trx, this.dialect, this.counts);
    await endBulkWrites(this.trx, this.dialect);
  }
}
