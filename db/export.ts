import BetterSqlite3 from 'better-sqlite3';
import { sql, type Compilable } from 'kysely';
import type { Column } from '../lib/collections/types';
import { LIST_SEPARATOR } from '../lib/csv/cells';
import type { QuerySpec } from '../lib/query/spec';
import { isBase, type DisplayFx } from '../lib/fx/convert';
import { FX_YEAR_KEY } from '../lib/fx/csv';
import type { Atlas } from './connection';
import { yearOf } from './dialect';
import { linkedIdsText } from './relations';
import { dynamic, type AnyTable } from './types';
import { col, orderOf, whereOf } from './where';

// Every row matching a query spec, chunk by chunk with constant memory, for CSV export: a server-side cursor
// on PostgreSQL, a separate read-only connection iterating on SQLite (so a slow download never blocks the
// app's own connection). Refs lists (participants) come joined into the same query.

export type ExportRow = Record<string, unknown>;

function exportQuery(atlas: Atlas, spec: QuerySpec, columns: readonly Column[], display: DisplayFx | null) {
  const selections = columns.map((column) => {
    if (column.relation) return linkedIdsText(atlas.dialect, spec.collection, column.id, col(spec.collection, 'id'), LIST_SEPARATOR).as(column.id);
    return sql<unknown>`${col(spec.collection, column)}`.as(column.id);
  });
  // In another currency each row's year picks its rate (lib/fx/csv.ts), whether or not its date is exported.
  const time = spec.collection.timeColumn;
  if (!isBase(display) && time) selections.push(sql<unknown>`${yearOf(col(spec.collection, time))}`.as(FX_YEAR_KEY));
  return dynamic(atlas.db)
    .selectFrom(spec.collection.table)
    .select(selections)
    .where(whereOf(atlas.dialect, spec))
    .orderBy(orderOf(spec));
}

/** Database values → the values export writes (JSON parsed, participant lists split), in place. */
function toExportRow(columns: readonly Column[], raw: AnyTable): ExportRow {
  for (const column of columns) {
    const value = raw[column.id] ?? null;
    if (column.type === 'refs') raw[column.id] = typeof value === 'string' && value ? value.split(LIST_SEPARATOR) : [];
    else if (column.type === 'json' && typeof value === 'string') raw[column.id] = JSON.parse(value);
  }
  return raw;
}

/** Hand chunks from a producer that runs inside a callback (a transaction) to a pulling consumer, one at a time. */
async function* handoff<T>(produce: (put: (item: T) => Promise<boolean>) => Promise<void>): AsyncGenerator<T> {
  const box: { items: T[]; finished: boolean; failure: { error: unknown } | null; cancelled: boolean } = { items: [], finished: false, failure: null, cancelled: false };
  let wakeConsumer = () => {};
  let wakeProducer = () => {};
  const put = (item: T) =>
    box.cancelled
      ? Promise.resolve(false)
      : new Promise<boolean>((resolve) => {
          box.items.push(item);
          wakeProducer = () => resolve(!box.cancelled);
          wakeConsumer();
        });
  const running = produce(put)
    .catch((error: unknown) => void (box.failure = { error }))
    .finally(() => {
      box.finished = true;
      wakeConsumer();
    });
  try {
    for (;;) {
      if (box.items.length === 0 && !box.finished) await new Promise<void>((resolve) => (wakeConsumer = resolve));
      const item = box.items.shift();
      if (item !== undefined) {
        yield item;
        wakeProducer();
      } else if (box.failure) throw box.failure.error;
      else if (box.finished) return;
    }
  } finally {
    box.cancelled = true;
    wakeProducer();
    await running;
  }
}

async function* postgresChunks(atlas: Atlas, query: Compilable, size: number): AsyncGenerator<AnyTable[]> {
  yield* handoff<AnyTable[]>((put) =>
    atlas.db.transaction().execute(async (trx) => {
      await sql`declare atlas_export no scroll cursor for ${query}`.execute(trx);
      for (;;) {
        const { rows } = await sql<AnyTable>`fetch forward ${sql.raw(String(size))} from atlas_export`.execute(trx);
        if (rows.length === 0 || !(await put(rows))) break;
      }
      await sql`close atlas_export`.execute(trx);
    }),
  );
}

async function sqliteFile(atlas: Atlas): Promise<string | null> {
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(atlas.db);
  return rows.find((r) => r.name === 'main')?.file || null;
}

async function* sqliteChunks(atlas: Atlas, query: Compilable, size: number): AsyncGenerator<AnyTable[]> {
  const file = await sqliteFile(atlas);
  const compiled = query.compile();
  if (!file) {
    // An in-memory database has no second connection: read through the app's own.
    const { rows } = await atlas.db.executeQuery<AnyTable>(compiled);
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    return;
  }
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  // A scan in index order gains nothing from a large page cache (this build's default is 16 MB).
  reader.pragma('cache_size = -2000');
  const iterator = reader.prepare(compiled.sql).iterate(...(compiled.parameters as unknown[]));
  try {
    for (;;) {
      const chunk: AnyTable[] = [];
      while (chunk.length < size) {
        const next = iterator.next();
        if (next.done) break;
        chunk.push(next.value as AnyTable);
      }
      if (chunk.length) yield chunk;
      if (chunk.length < size) break;
    }
  } finally {
    iterator.return?.();
    reader.close();
  }
}

/**
 * The rows of a spec (every page, in the spec's order) with the given columns, `size` rows at a time, each
 * chunk handed to `format` at once: only its text waits for the client, so rows die young in the garbage
 * collector and the process stays small however many rows there are.
 */
export async function* exportRows<T>(atlas: Atlas, spec: QuerySpec, columns: readonly Column[], format: (rows: ExportRow[]) => T, size = 256, display: DisplayFx | null = null): AsyncGenerator<T> {
  const query = exportQuery(atlas, spec, columns, display);
  const chunks = atlas.dialect === 'postgres' ? postgresChunks(atlas, query, size) : sqliteChunks(atlas, query, size);
  for await (const chunk of chunks) yield format(chunk.map((raw) => toExportRow(columns, raw)));
}
