import type { CompiledQuery, Kysely } from 'kysely';
import { specToParams } from '../lib/query/parse';
import type { QuerySpec } from '../lib/query/spec';

// Building a page query through Kysely's immutable builders and compiling it took ~0.15 ms per request inside
// `next start`, a twentieth of a fast list (docs/decisions/005-table-query-speed.md). The same spec always
// compiles to the same SQL and parameters, so each database keeps its recently compiled queries by the spec's
// key (the oldest dropped first).

const LIMIT = 200;
const byDatabase = new WeakMap<Kysely<never>, Map<string, CompiledQuery>>();

/** A spec as one string: its collection and the URL parameters that parse back to it (so, to its SQL). */
export function specKey(spec: QuerySpec): string {
  return `${spec.collection.id}?${specToParams(spec)}`;
}

/** The compiled query of `key` on this database, compiled by `compile` the first time. */
export function compiledFor<Db>(db: Kysely<Db>, key: string, compile: () => CompiledQuery): CompiledQuery {
  const database = db as unknown as Kysely<never>;
  let queries = byDatabase.get(database);
  if (!queries) byDatabase.set(database, (queries = new Map()));
  let query = queries.get(key);
  if (!query) {
    query = compile();
    if (queries.size >= LIMIT) queries.delete(queries.keys().next().value as string);
    queries.set(key, query);
  }
  return query;
}
