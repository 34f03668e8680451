import { sql, type RawBuilder } from 'kysely';
import { findCollection } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import { ApiError, notFound } from '../lib/errors';

// Rows with an owner (boards): in team mode a private row is seen by its owner and admins only, and every row
// is edited by its owner and admins only. `restrictedTo` is the caller's email when these limits apply (a
// signed-in user who is not an admin); undefined in local mode and for admins, who see and edit everything.

const ownerOf = (collection: Collection, row: Record<string, unknown>) => (collection.ownership ? String(row[collection.ownership.owner] ?? '') : '');

export function isVisible(collection: Collection, row: Record<string, unknown>, restrictedTo: string | undefined): boolean {
  const rule = collection.ownership;
  if (!rule || restrictedTo === undefined) return true;
  const isPrivate = rule.visibility === undefined || row[rule.visibility] === rule.private;
  return !isPrivate || ownerOf(collection, row) === restrictedTo;
}

/** The SQL twin of isVisible, or null when every row is visible. */
export function visibleCondition(collection: Collection, restrictedTo: string | undefined): RawBuilder<boolean> | null {
  const rule = collection.ownership;
  if (!rule || restrictedTo === undefined) return null;
  const ref = (column: string) => sql.ref(`${collection.table}.${column}`);
  if (rule.visibility === undefined) return sql<boolean>`${ref(rule.owner)} = ${restrictedTo}`;
  return sql<boolean>`(${ref(rule.visibility)} <> ${rule.private} or ${ref(rule.owner)} = ${restrictedTo})`;
}

const hidden = (collection: Collection, id: string) => notFound(`no ${collection.singular.en.toLowerCase()} with id "${id}"`);

/** A row the caller may not see is "not found", so that its existence does not leak. */
export function assertVisible(collection: Collection, row: Record<string, unknown> & { id: string }, restrictedTo: string | undefined): void {
  if (!isVisible(collection, row, restrictedTo)) throw hidden(collection, row.id);
}

export function assertEditable(collection: Collection, row: Record<string, unknown> & { id: string }, restrictedTo: string | undefined): void {
  assertVisible(collection, row, restrictedTo);
  if (collection.ownership && restrictedTo !== undefined && ownerOf(collection, row) !== restrictedTo) {
    throw new ApiError(403, `only its owner (${ownerOf(collection, row)}) or an admin may change ${collection.singular.en.toLowerCase()} "${row.id}"`);
  }
}

export const mayEdit = (collection: Collection, row: Record<string, unknown>, restrictedTo: string | undefined): boolean =>
  isVisible(collection, row, restrictedTo) && (!collection.ownership || restrictedTo === undefined || ownerOf(collection, row) === restrictedTo);

/**
 * Change-log entries the caller may see: an entry of a row with an owner is left out when the row, before or
 * after the change, was private to someone else (the log holds whole rows: it would show a hidden board).
 */
export function visibleChanges<T extends { collection: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(entries: readonly T[], restrictedTo: string | undefined): T[] {
  if (restrictedTo === undefined) return [...entries];
  return entries.filter((entry) => {
    const collection = findCollection(entry.collection);
    if (!collection?.ownership) return true;
    return [entry.before, entry.after].every((row) => row === null || isVisible(collection, row, restrictedTo));
  });
}
