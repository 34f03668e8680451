import { sql } from 'kysely';
import type { Collection } from '../lib/collections/types';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import type { Snapshot } from './repository';
import { attachLinks } from './relations';
import { fromDb } from './rows';
import { dynamic } from './types';

// Batch look-ups for an import: one query per few hundred ids, never one per row.

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const dyn = (trx: Executor) => dynamic(trx as Atlas['db']);

/** The stored rows (with their refs lists: participants for rounds) of the given ids, as the change log keeps them. */
export async function storedSnapshots(trx: Executor, collection: Collection, ids: string[]): Promise<Map<string, Snapshot>> {
  const result = new Map<string, Snapshot>();
  for (const chunk of chunks([...new Set(ids)])) {
    const raws = await dyn(trx).selectFrom(collection.table).selectAll().where(sql<boolean>`id in (${sql.join(chunk)})`).execute();
    for (const raw of raws) {
      const row = fromDb(collection, raw);
      result.set(row.id, row);
    }
  }
  if (result.size) await attachLinks(trx, collection, [...result.values()], false);
  return result;
}

/** Which of the ids exist in the target collection. */
export async function existingIds(trx: Executor, target: Collection, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await dyn(trx).selectFrom(target.table).select(sql<string>`id`.as('id')).where(sql<boolean>`id in (${sql.join(chunk)})`).execute();
    for (const row of rows) found.add(String(row.id));
  }
  return found;
}

export interface CompanyMatches {
  ids: Set<string>;
  /** Exact name → the ids of every company with that name. */
  names: Map<string, string[]>;
}

/** Companies whose id or exact name is one of the tokens (investor lists name companies either way). */
export async function companiesMatching(trx: Executor, tokens: string[]): Promise<CompanyMatches> {
  const matches: CompanyMatches = { ids: new Set(), names: new Map() };
  for (const chunk of chunks([...new Set(tokens)])) {
    const rows = await trx
      .selectFrom('companies')
      .select([sql<string>`id`.as('id'), sql<string>`name`.as('name')])
      .where(sql<boolean>`id in (${sql.join(chunk)}) or name in (${sql.join(chunk)})`)
      .execute();
    for (const row of rows) {
      matches.ids.add(row.id);
      // A company whose id is in one chunk and name in another comes back once per chunk: list it once.
      const named = matches.names.get(row.name) ?? [];
      if (!named.includes(row.id)) matches.names.set(row.name, [...named, row.id]);
    }
  }
  return matches;
}
