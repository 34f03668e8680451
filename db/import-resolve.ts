import { getCollection } from '../lib/collections';
import { rowSchemas } from '../lib/collections/schemas';
import type { Collection } from '../lib/collections/types';
import type { FxLookup } from '../lib/fx/rates';
import type { FingerprintMap } from '../lib/csv/fingerprints';
import type { ImportOptions, Rejection } from '../lib/csv/import-types';
import { reason, type Reason } from '../lib/csv/reasons';
import { cellOf, type Candidate } from '../lib/csv/rows';
import type { Executor } from './changes';
import { companiesMatching, existingIds } from './import-lookup';
import { randomId, slugify } from './ids';

// What an import needs to know beyond the row itself: which referenced rows exist, which companies investor
// names stand for, and which ids are free. Looked up per batch and remembered across batches (within bounds).

/** How a participant token resolved: a company id, several (an ambiguous name), or none. */
type Resolution = string | string[] | null;

export interface ImportState {
  exec: Executor;
  collection: Collection;
  options: ImportOptions;
  /** Ids seen in the file so far → line × 2, plus 1 once the row was accepted. */
  seen: FingerprintMap;
  /** Investor names created by this import → the new company id. */
  investors: Map<string, string>;
  /** Names in `investors` whose company is already among the writes. */
  investorsWritten: Set<string>;
  /** Participant tokens already looked up. */
  resolved: Map<string, Resolution>;
  /** Per collection id: ids known to exist. */
  known: Map<string, Set<string>>;
  /** The exchange rates, read once when the collection's rows derive from them (db/fx.ts). */
  fx: FxLookup | null;
  now: string;
}

export const PARTICIPANT_COLUMNS = ['lead_investors', 'investors'] as const;
const CACHE_LIMIT = 200_000;

export function newImportState(exec: Executor, collection: Collection, options: ImportOptions, seen: FingerprintMap): ImportState {
  return { exec, collection, options, seen, investors: new Map(), investorsWritten: new Set(), resolved: new Map(), known: new Map(), fx: null, now: new Date().toISOString() };
}

/** Look up participant tokens (by id or exact name) that are not known yet. */
export async function resolveTokens(state: ImportState, candidates: Candidate[]): Promise<void> {
  if (state.resolved.size > CACHE_LIMIT) state.resolved.clear();
  const tokens = new Set<string>();
  for (const candidate of candidates) {
    for (const column of PARTICIPANT_COLUMNS) {
      const list = candidate.data[column];
      if (Array.isArray(list)) for (const t of list as string[]) if (!state.resolved.has(t) && !state.investors.has(t)) tokens.add(t);
    }
  }
  if (tokens.size === 0) return;
  const found = await companiesMatching(state.exec, [...tokens]);
  for (const token of tokens) {
    const byName = found.names.get(token) ?? [];
    state.resolved.set(token, found.ids.has(token) ? token : byName.length === 1 ? byName[0] : byName.length > 1 ? byName : null);
  }
}

/** Make sure the existence of these rows (collection id → ids) is known. */
export async function lookUpRows(state: ImportState, wanted: Map<string, Set<string>>): Promise<void> {
  for (const [collectionId, ids] of wanted) {
    let known = state.known.get(collectionId);
    if (!known || known.size > CACHE_LIMIT) state.known.set(collectionId, (known = new Set()));
    const missing = [...ids].filter((id) => !known.has(id));
    if (missing.length) for (const id of await existingIds(state.exec, getCollection(collectionId), missing)) known.add(id);
  }
}

/** Whether a row exists: in the database, or accepted earlier in this file. */
export function rowExists(state: ImportState, collectionId: string, id: string): boolean {
  if (state.known.get(collectionId)?.has(id)) return true;
  return collectionId === state.collection.id && ((state.seen.get(id) ?? 0) & 1) === 1;
}

/** base, base-2, base-3, … : the first id that is neither taken in the file nor in the database. */
export async function freeId(state: ImportState, collection: Collection, base: string, taken: (id: string) => boolean): Promise<string> {
  if (!base) return randomId(collection.idPrefix ?? 'row');
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (taken(id)) continue;
    if ((await existingIds(state.exec, collection, [id])).size === 0) return id;
  }
  return randomId(base);
}

async function reserveInvestor(state: ImportState, name: string): Promise<string> {
  const reserved = new Set(state.investors.values());
  const id = await freeId(state, getCollection('companies'), slugify(name), (x) => reserved.has(x));
  state.investors.set(name, id);
  return id;
}

/** Why a participant token does not resolve, or null when it does (or will, as a created investor). */
function unresolved(state: ImportState, token: string, found: Resolution): Reason | null {
  if (Array.isArray(found)) return reason('ambiguous', { name: token, ids: found.join(', ') });
  if (typeof found === 'string' || state.investors.has(token)) return null;
  if (!state.options.createMissing) return reason('noCompany', { name: token });
  if (!rowSchemas(getCollection('companies')).create.safeParse({ name: token, kind: 'investor' }).success) return reason('badName', { name: token });
  return null;
}

/** Participant tokens → company ids, in place; returns the names of investors this row needs created. */
export async function resolveInvestors(state: ImportState, candidate: Candidate, rejections: Rejection[]): Promise<string[]> {
  const wanted: string[] = [];
  for (const column of PARTICIPANT_COLUMNS) {
    const tokens = candidate.data[column];
    if (!Array.isArray(tokens)) continue;
    const ids: string[] = [];
    for (const token of tokens as string[]) {
      const found = state.resolved.get(token) ?? null;
      if (typeof found === 'string') {
        ids.push(found);
        continue;
      }
      const why = unresolved(state, token, found);
      if (why) {
        rejections.push({ line: candidate.line, column, value: cellOf(candidate, column), ...why });
        continue;
      }
      ids.push(state.investors.get(token) ?? (await reserveInvestor(state, token)));
      wanted.push(token);
    }
    candidate.data[column] = ids;
  }
  return wanted;
}
