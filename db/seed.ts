import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { COLLECTIONS, findColumn } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import { cellToValue } from '../lib/csv/cells';
import { ApiError } from '../lib/errors';
import type { Atlas } from './connection';
import { createRow } from './repository';

export const DATA_DIR = path.join(process.cwd(), 'data');

function readCsv(collection: Collection): Record<string, unknown>[] {
  const file = path.join(DATA_DIR, `${collection.id}.csv`);
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  return parsed.data.map((cells) => {
    const row: Record<string, unknown> = {};
    for (const [header, cell] of Object.entries(cells)) {
      const column = findColumn(collection, header);
      if (!column) throw new Error(`${file}: unknown column "${header}"`);
      if (!column.readOnly) row[header] = cellToValue(column, cell);
    }
    return row;
  });
}

/** Parents before children, so that parent_id always points at a row that exists. */
function parentsFirst(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const done = new Set<string>();
  const ordered: Record<string, unknown>[] = [];
  let pending = rows;
  while (pending.length) {
    const next = pending.filter((r) => r.parent_id && !done.has(String(r.parent_id)));
    const ready = pending.filter((r) => !next.includes(r));
    if (ready.length === 0) return [...ordered, ...next];
    for (const r of ready) done.add(String(r.id));
    ordered.push(...ready);
    pending = next;
  }
  return ordered;
}

/** The registry's order, except that collections another one derives from (exchange rates) come first. */
function seedOrder(): Collection[] {
  const used = new Set(COLLECTIONS.flatMap((c) => c.deriveUses ?? []));
  return [...COLLECTIONS.filter((c) => used.has(c.id)), ...COLLECTIONS.filter((c) => !used.has(c.id))];
}

async function seedCollection(atlas: Atlas, collection: Collection): Promise<number> {
  const rows = collection.id === 'companies' ? parentsFirst(readCsv(collection)) : readCsv(collection);
  for (const row of rows) {
    try {
      await createRow(atlas, collection.id, row, { actor: 'seed' });
    } catch (error) {
      const detail = error instanceof ApiError ? JSON.stringify(error.toBody().error) : String(error);
      throw new Error(`seed ${collection.id} row ${String(row.id)}: ${detail}`);
    }
  }
  return rows.length;
}

/** Load every data/*.csv through the data layer (validated, with change-log entries). */
export async function seed(atlas: Atlas): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const collection of seedOrder()) counts[collection.id] = await seedCollection(atlas, collection);
  return counts;
}

/** Tables that later migrations added to a database seeded before them, loaded when still empty (migration 017). */
const LATE_SEEDED = ['fx-rates'];

async function tableIsEmpty(atlas: Atlas, table: string): Promise<boolean> {
  const found = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(atlas.db);
  return Number(found.rows[0]?.n ?? 0) === 0;
}

/**
 * A database seeded before the exchange rates existed gets them (and its rounds in other currencies their
 * converted amounts, through the rates' writes). Runs while the table is empty: to keep a database without
 * rates, start it with ATLAS_SEED=off.
 */
async function seedLateCollections(atlas: Atlas): Promise<void> {
  for (const id of LATE_SEEDED) {
    const collection = COLLECTIONS.find((c) => c.id === id);
    if (collection && (await tableIsEmpty(atlas, collection.table))) await seedCollection(atlas, collection);
  }
}

export async function isEmpty(atlas: Atlas): Promise<boolean> {
  const found = await sql<{ n: number }>`select count(*) as n from companies`.execute(atlas.db);
  return Number(found.rows[0]?.n ?? 0) === 0;
}

/**
 * Seed an empty database. On PostgreSQL several instances may start at once on one empty database: the first
 * takes a session lock (per schema) and seeds through that connection; the others wait for it and find the
 * database full.
 */
export async function seedIfEmpty(atlas: Atlas): Promise<void> {
  if (atlas.dialect !== 'postgres') {
    if (await isEmpty(atlas)) await seed(atlas);
    else await seedLateCollections(atlas);
    return;
  }
  await atlas.db.connection().execute(async (db) => {
    const key = sql`hashtext(current_schema() || '.atlas_seed')`;
    await sql`select pg_advisory_lock(${key})`.execute(db);
    try {
      const one: Atlas = { ...atlas, db };
      if (await isEmpty(one)) await seed(one);
      else await seedLateCollections(one);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(db);
    }
  });
}
