import { sql, type RawBuilder } from 'kysely';
import { COLLECTIONS, getCollection } from '../lib/collections';
import type { Collection, Column } from '../lib/collections/types';
import type { Executor } from './changes';
import { containsText, type DialectName } from './dialect';

// `q`: the rows where any search column of the row (or the name of a row a search ref column points at)
// contains the text, case-insensitively — LIKE on SQLite (ASCII case folding), ILIKE on PostgreSQL. The
// indexes of migration 014 find the candidates, the LIKE itself decides (docs/decisions/021-search-indexes.md):
// SQLite asks the collection's FTS5 trigram table for the rows holding the text as one phrase, then checks each
// with LIKE; PostgreSQL runs the ILIKEs, which its planner answers from the GIN trigram index of each column.

/** Text the trigram index answers: 3 characters or more. Shorter text is matched by a scan. */
export const MIN_INDEXED_CHARS = 3;

/** The columns of a collection's own rows that `q` searches and the search index holds (ref columns excluded). */
export function searchedColumns(collection: Collection): Column[] {
  return collection.columns.filter((c) => c.search && !c.virtual && c.type !== 'ref');
}

/** SQLite: the FTS5 table of a collection's searched columns (migration 014); null when it has none. */
export function ftsTableOf(collection: Collection): string | null {
  return searchedColumns(collection).length ? `${collection.table}_fts` : null;
}

/**
 * The text as one FTS5 phrase (a string in double quotes, a quote doubled): FTS5 reads every character of it
 * as text to find, `*`, `:`, `-`, `^`, parentheses and the words NEAR, AND, OR and NOT included.
 */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Characters as the trigram tokenizer counts them (code points, not UTF-16 units). */
const characters = (text: string) => [...text].length;

/** The names of a ref column's target that `q` looks in: its title and the title's Chinese twin. */
function titleColumns(target: Collection): string[] {
  const title = target.columns.find((c) => c.id === target.titleColumn);
  return [target.titleColumn, ...(title?.zhTwin ? [title.zhTwin] : [])];
}

const anyContains = (dialect: DialectName, table: string, columns: string[], text: string) =>
  sql<boolean>`(${sql.join(
    columns.map((c) => containsText(dialect, sql.ref(`${table}.${c}`), text)),
    sql` or `,
  )})`;

/**
 * SQLite: the rows of `table` (or its alias) whose FTS5 row holds the text in one of `columns` (all of them
 * when omitted), then checked with LIKE. The index folds case beyond ASCII where LIKE does not (Ä, é): it may
 * name a row LIKE rejects, never miss one LIKE accepts.
 */
function ftsMatches(collection: Collection, alias: string, columns: string[], text: string, all: boolean, drives = true): RawBuilder<boolean> {
  const fts = sql.table(ftsTableOf(collection) ?? '');
  const query = all ? ftsPhrase(text) : `{${columns.join(' ')}} : ${ftsPhrase(text)}`;
  return sql<boolean>`(${unlessDrives(drives)}${sql.ref(`${alias}.rowid`)} in (select rowid from ${fts} where ${fts} match ${query}) and ${anyContains('sqlite', alias, columns, text)})`;
}

/** SQLite's unary `+` before a column: the term can no longer lead the query through an index, only test rows. */
const unlessDrives = (drives: boolean) => (drives ? sql`` : sql`+`);

/** Whether `q` is answered from the SQLite FTS5 index (text of 3 or more characters). */
export function searchUsesIndex(dialect: DialectName, text: string | null): boolean {
  return dialect === 'sqlite' && text !== null && characters(text) >= MIN_INDEXED_CHARS;
}

/** Whether the FTS5 table of the collection holds every one of the columns. */
const indexedOn = (collection: Collection, columns: string[]) => {
  const indexed = new Set(searchedColumns(collection).map((c) => c.id));
  return columns.every((c) => indexed.has(c));
};

/** How `q` is answered: from the trigram indexes (text of 3+ characters) or not, and on SQLite whether they drive. */
interface Plan {
  dialect: DialectName;
  indexed: boolean;
  drives: boolean;
}

/** Rows of the referenced collection whose title (or its Chinese twin) contains the text. */
function refTitleMatches(plan: Plan, collection: Collection, column: Column, text: string): RawBuilder<boolean> {
  const { dialect, indexed, drives } = plan;
  const target = getCollection(column.ref ?? '');
  const titles = titleColumns(target);
  const fts = dialect === 'sqlite' && indexed && indexedOn(target, titles);
  const matches = fts ? ftsMatches(target, 'ref_t', titles, text, false) : anyContains(dialect, 'ref_t', titles, text);
  const ids = sql`select ref_t.id from ${sql.table(target.table)} as ref_t where ${matches}`;
  const ref = sql.ref(`${collection.table}.${column.id}`);
  // PostgreSQL: `= any(array(…))` is a condition an index scan takes (the list is computed once), so that the
  // planner can OR it with the trigram index of the row's own columns; `in (select …)` would make it scan. Text
  // without trigrams, which no trigram index can look up, keeps `in (select …)` as before migration 014.
  if (dialect === 'postgres') return indexed ? sql<boolean>`${ref} = any(array(${ids}))` : sql<boolean>`${ref} in (${ids})`;
  return sql<boolean>`${unlessDrives(drives)}${ref} in (${ids})`;
}

/**
 * The `q` condition of a collection, or null when it has no search column. With `drives` false (SQLite) the
 * search indexes only test rows met otherwise (in page order), instead of naming the rows to start from.
 */
export function searchCondition(dialect: DialectName, collection: Collection, text: string, drives = true): RawBuilder<boolean> | null {
  const plan: Plan = { dialect, indexed: characters(text) >= MIN_INDEXED_CHARS, drives };
  const own = searchedColumns(collection).map((c) => c.id);
  const parts: RawBuilder<boolean>[] = [];
  if (own.length) {
    parts.push(dialect === 'sqlite' && plan.indexed ? ftsMatches(collection, collection.table, own, text, true, drives) : anyContains(dialect, collection.table, own, text));
  }
  for (const column of collection.columns.filter((c) => c.search && !c.virtual && c.type === 'ref')) parts.push(refTitleMatches(plan, collection, column, text));
  if (parts.length === 0) return null;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** Rows one transaction writes from which it compacts the SQLite search indexes afterwards (an import, its undo). */
export const COMPACT_AFTER_ROWS = 10_000;

/**
 * SQLite: merge each FTS5 table into one segment ('optimize'), inside the caller's transaction. A large write
 * leaves an index in many segments (one per megabyte of new entries, merged only part-way as it goes), and a
 * phrase of common trigrams costs tens of times more over them (bench/search.ts). An index in one segment
 * already costs next to nothing to optimize. `written`: the collections the write wrote (every one by default).
 */
export async function compactSearchIndexes(trx: Executor, dialect: DialectName, written: readonly Collection[] = COLLECTIONS): Promise<void> {
  if (dialect !== 'sqlite') return;
  for (const collection of new Set(written)) {
    const fts = ftsTableOf(collection);
    if (fts) await sql`insert into ${sql.table(fts)} (${sql.ref(fts)}) values ('optimize')`.execute(trx);
  }
}
