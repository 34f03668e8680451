import { companies } from './companies';
import { investments } from './investments';
import { useCases } from './use-cases';
import { marketShares } from './market-shares';
import { events } from './events';
import { hypotheses } from './hypotheses';
import { scenarios } from './scenarios';
import { evidence } from './evidence';
import { boards } from './boards';
import { fxRates } from './fx-rates';
import { alerts } from './alerts';
import type { Collection, CollectionLookup, Column, LinkTable } from './types';

export * from './types';

// Order matters to the seed: a collection loads after the collections its rows point at (evidence last); the
// collections another's `derive` reads (exchange rates) load first of all (db/seed.ts).
export const COLLECTIONS = [companies, investments, useCases, marketShares, events, hypotheses, scenarios, evidence, boards, alerts, fxRates] as const;
export const COLLECTION_IDS = COLLECTIONS.map((c) => c.id);

const byId = new Map<string, Collection>(COLLECTIONS.map((c) => [c.id, c]));

export function findCollection(id: string): Collection | undefined {
  return byId.get(id);
}

/** The registry as rules see it (Collection.validate). */
export const REGISTRY: CollectionLookup = { ids: COLLECTION_IDS, find: findCollection };

export function getCollection(id: string): Collection {
  const collection = byId.get(id);
  if (!collection) throw new Error(`unknown collection ${id}`);
  return collection;
}

/**
 * The collection as data only, without its functions and JSON-column schemas: what the browser needs to show
 * and filter a table, serialisable from a server component, and without the code (zod) that validates writes.
 */
export function describedCollection(collection: Collection): Collection {
  const { derive: _derive, validate: _validate, references: _references, deriveUses: _uses, ...data } = collection;
  return { ...data, columns: collection.columns.map(({ schema: _schema, ...column }) => column) };
}

/** Look up a column by id; undefined for anything not declared (the allow-list). */
/** Rows each visible to their owner alone (an owner and no visibility column: alert rules): never shared or pinned. */
export const ownersOnly = (collection: Collection): boolean => collection.ownership !== undefined && collection.ownership.visibility === undefined;

export function findColumn(collection: Collection, id: string): Column | undefined {
  return collection.columns.find((c) => c.id === id);
}

/** Columns stored in the collection's own table. */
export function storedColumns(collection: Collection): Column[] {
  return collection.columns.filter((c) => !c.virtual);
}

export function collectionByTable(table: string): Collection | undefined {
  return COLLECTIONS.find((c) => c.table === table);
}

/** The link tables behind a collection's refs columns, each once, with the refs columns it keeps. */
export function linkTablesOf(collection: Collection): { link: LinkTable; columns: Column[] }[] {
  const found = new Map<LinkTable, Column[]>();
  for (const column of collection.columns) {
    if (column.relation) found.set(column.relation.link, [...(found.get(column.relation.link) ?? []), column]);
  }
  return [...found].map(([link, columns]) => ({ link, columns }));
}

/** Every link table of the registry (schema scripts and tests name them from here). */
export const LINK_TABLES: readonly LinkTable[] = COLLECTIONS.flatMap((c) => linkTablesOf(c).map((l) => l.link));

/** The link table behind a refs column; throws for any other column. */
export function linkTableOf(collection: Collection, columnId: string): LinkTable {
  const link = findColumn(collection, columnId)?.relation?.link;
  if (!link) throw new Error(`${collection.id}.${columnId} is not a refs column with a link table`);
  return link;
}
