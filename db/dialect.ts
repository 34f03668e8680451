import { sql, type RawBuilder } from 'kysely';

// Everything that differs between SQLite and PostgreSQL lives here.
export type DialectName = 'sqlite' | 'postgres';

/** Escape LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive substring match; ASCII case folding on SQLite, Unicode on PostgreSQL. */
export function containsText(dialect: DialectName, column: RawBuilder<unknown>, text: string): RawBuilder<boolean> {
  const pattern = likePattern(text);
  return dialect === 'postgres'
    ? sql<boolean>`${column} ilike ${pattern} escape '\\'`
    : sql<boolean>`${column} like ${pattern} escape '\\'`;
}

/** Booleans are stored as 0/1 integers on both dialects. */
export const toDbBool = (value: boolean) => (value ? 1 : 0);

/** Year of an ISO date text column. */
export function yearOf(column: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`substr(${column}, 1, 4)`;
}

/** Quarter label (`2023-Q1`) of an ISO date text column. */
export function quarterOf(column: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`substr(${column}, 1, 4) || '-Q' || cast(((cast(substr(${column}, 6, 2) as integer) + 2) / 3) as text)`;
}

/** The values of a subquery column joined with a separator, in ascending order (empty set → null). */
export function joinedList(dialect: DialectName, column: RawBuilder<unknown>, separator: string): RawBuilder<string | null> {
  return dialect === 'postgres'
    ? sql<string | null>`string_agg(${column}, ${separator} order by ${column})`
    : sql<string | null>`group_concat(${column}, ${separator} order by ${column})`;
}

/**
 * A GROUP BY key SQLite will not satisfy by walking an index. For an aggregate over most of a large table a
 * scan plus a temporary B-tree beats one row lookup per index entry several times over (bench/concentration.ts);
 * the WHERE clause may still use the index. PostgreSQL plans this itself.
 */
export function scanGroupKey(dialect: DialectName, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`+${column}` : column;
}

/**
 * A column SQLite will not look up through an index in a condition (`+column in (…)`): when the condition keeps a
 * large part of the table, one scan that probes the list (SQLite adds a Bloom filter) beats a row lookup per match.
 */
export function unindexed(dialect: DialectName, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`+${column}` : column;
}

/**
 * About how many rows a table holds, cheaply (not a count): SQLite the largest rowid, PostgreSQL the planner's
 * estimate (kept by ANALYZE and autovacuum; 0 when the table was never analysed).
 */
export function rowEstimate(dialect: DialectName, table: string): RawBuilder<{ n: number | string | null }> {
  return dialect === 'postgres'
    ? sql`select greatest(reltuples, 0)::bigint as n from pg_class where oid = to_regclass(${table})`
    : sql`select max(rowid) as n from ${sql.table(table)}`;
}

/**
 * A JSON array of JSON arrays, one per row of the group, in the given order (empty group: `[]` on SQLite,
 * null on PostgreSQL). SQLite answers text, PostgreSQL parsed JSON: read it with parseJsonList.
 */
export function jsonRowsAgg(dialect: DialectName, items: RawBuilder<unknown>[], orderBy: RawBuilder<unknown>): RawBuilder<unknown> {
  const list = sql.join(items);
  return dialect === 'postgres'
    ? sql`json_agg(json_build_array(${list}) order by ${orderBy})`
    : sql`json_group_array(json_array(${list}) order by ${orderBy})`;
}

/** The value of a jsonRowsAgg column as JS arrays. */
export function parseJsonList(value: unknown): unknown[][] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as unknown[][];
}
