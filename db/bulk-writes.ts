import { sql } from 'kysely';
import { LINK_TABLES, linkTablesOf } from '../lib/collections';
import type { Collection, LinkTable } from '../lib/collections/types';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import type { DialectName } from './dialect';
import { keepsCounts, KEPT_FOR_INVESTMENTS } from './kept-counts';
import { addTouchedRounds, KEPT_ANALYSIS } from './kept-analysis';
import { dynamic } from './types';

// Bulk writes (an import, the undo of one) keep the counts of migrations 008 and 009 themselves: the changes are
// added up in memory as the rows are written, and stored once at the end, a few thousand upserts instead of a
// trigger's upsert per row. The counting triggers are off meanwhile for the writing transaction alone
// (migration 020; docs/decisions/030-import-write-path.md): SQLite a row in `bulk_writes` that no other
// connection sees before the commit and that is gone by then, PostgreSQL the transaction's own setting.
// On PostgreSQL the counts are views adding kept counts (`*_kept`) and the deltas other writers append; the end
// of a bulk write also folds those deltas into the kept counts, under a lock only folds take.

const FACET_TABLE = 'investment_facet_counts';

/** Turn the counting triggers off for the rest of the transaction. */
export async function beginBulkWrites(trx: Executor, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`set local atlas.bulk_writes = 'on'`.execute(trx);
  else await sql`insert into bulk_writes (id) values (1)`.execute(trx);
}

/**
 * Turn them on again (before the transaction commits: SQLite would otherwise keep the row); on SQLite first add
 * the analysis counts of the rounds the write touched (migration 025: those triggers are off too).
 */
export async function endBulkWrites(trx: Executor, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') return void (await sql`set local atlas.bulk_writes = 'off'`.execute(trx));
  await addTouchedRounds(trx);
  await sql`delete from bulk_writes`.execute(trx);
}

const KEPT = [...KEPT_FOR_INVESTMENTS];
const keptLinks = new Map<Collection, { link: LinkTable; columns: string[] }[]>();

/** The link tables of a collection whose counts are kept, with the refs columns stored in each. */
function keptLinksOf(collection: Collection): { link: LinkTable; columns: string[] }[] {
  let found = keptLinks.get(collection);
  if (!found) {
    found = linkTablesOf(collection).flatMap(({ link, columns }) => (link.keptCounts ? [{ link, columns: columns.map((c) => c.id) }] : []));
    keptLinks.set(collection, found);
  }
  return found;
}

const keyOf = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const idsIn = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Changes of the kept counts, added up in memory. */
export class CountDeltas {
  /** Column → value → rounds. */
  readonly facets = new Map<string, Map<string, number>>();
  /** Per kept-count table of a link table: linked id → rows. */
  readonly links = new Map<NonNullable<LinkTable['keptCounts']>, Map<string, number>>();

  /** A row of `collection` (its stored values) added (+1) or removed (−1). */
  row(collection: Collection, row: Record<string, unknown> | null, sign: 1 | -1): void {
    if (!row || !keepsCounts(collection, 'round_type')) return;
    for (const column of KEPT) {
      let counts = this.facets.get(column);
      if (!counts) this.facets.set(column, (counts = new Map()));
      const value = keyOf(row[column]);
      counts.set(value, (counts.get(value) ?? 0) + sign);
    }
  }

  /** A row's refs lists (`investors`, `lead_investors`) added or removed: one link per linked id of each link table. */
  lists(collection: Collection, given: object | null, sign: 1 | -1): void {
    if (!given) return;
    const lists = given as Record<string, unknown>;
    for (const { link, columns } of keptLinksOf(collection)) {
      const ids = columns.length === 1 ? idsIn(lists[columns[0]]) : [...new Set(columns.flatMap((c) => idsIn(lists[c])))];
      this.linked(link, ids, sign);
    }
  }

  /** Links of a link table added or removed, by linked id (one entry per link). */
  linked(link: LinkTable, ids: readonly string[], sign: 1 | -1): void {
    if (!link.keptCounts || ids.length === 0) return;
    let counts = this.links.get(link.keptCounts);
    if (!counts) this.links.set(link.keptCounts, (counts = new Map()));
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + sign);
  }
}

const PAGE = 500;

/** Upsert `rows` (key values, then the change) adding to the count column of `table`. */
async function addTo(trx: Executor, table: string, keys: string[], count: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += PAGE) {
    const values = rows.slice(i, i + PAGE).map((r) => Object.fromEntries([...keys.map((k, n) => [k, r[n]]), [count, r[keys.length]]]));
    await dynamic(trx as Atlas['db'])
      .insertInto(table)
      .values(values)
      .onConflict((oc) => oc.columns(keys).doUpdateSet({ [count]: sql`${sql.ref(`${table}.${count}`)} + excluded.${sql.ref(count)}` }))
      .execute();
  }
}

/** PostgreSQL: move every committed delta into the kept counts (the caller holds the fold lock). */
async function foldDeltas(trx: Executor, kept: string, deltas: string, keys: readonly string[], counts: readonly string[]): Promise<void> {
  const list = sql.join(keys.map((k) => sql.ref(k)));
  const values = sql.join(counts.map((c) => sql.ref(c)));
  const sums = sql.join(counts.map((c) => sql`sum(${sql.ref(c)})`));
  const added = sql.join(counts.map((c) => sql`${sql.ref(c)} = ${sql.ref(`${kept}.${c}`)} + excluded.${sql.ref(c)}`));
  await sql`with moved as (delete from ${sql.table(deltas)} returning ${list}, ${values})
    insert into ${sql.table(kept)} (${list}, ${values}) select ${list}, ${sums} from moved group by ${list} order by ${list}
    on conflict (${list}) do update set ${added}`.execute(trx);
}

const takeFoldLock = (trx: Executor) => sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.count_fold'))`.execute(trx);

/** PostgreSQL: the delta table of a kept-count view (migration 020). */
const deltasOf = (table: string) => (table === FACET_TABLE ? 'investment_facet_deltas' : table.replace(/_counts$/, '_deltas'));

/** Store the changes in the kept counts (SQLite: the count tables; PostgreSQL: the kept counts, deltas folded in). */
export async function applyCountDeltas(trx: Executor, dialect: DialectName, deltas: CountDeltas): Promise<void> {
  const target = (table: string) => (dialect === 'postgres' ? `${table}_kept` : table);
  if (dialect === 'postgres') await takeFoldLock(trx);
  const facets = [...deltas.facets].flatMap(([column, counts]) => [...counts].filter(([, n]) => n !== 0).map(([value, n]) => [column, value, n]));
  await addTo(trx, target(FACET_TABLE), ['column_id', 'value'], 'rounds', facets);
  for (const [kept, counts] of deltas.links) {
    await addTo(trx, target(kept.table), [kept.key], kept.count, [...counts].filter(([, n]) => n !== 0));
  }
  if (dialect !== 'postgres') return;
  await foldDeltas(trx, target(FACET_TABLE), deltasOf(FACET_TABLE), ['column_id', 'value'], ['rounds']);
  for (const kept of LINK_TABLES.flatMap((l) => (l.keptCounts ? [l.keptCounts] : []))) await foldDeltas(trx, target(kept.table), deltasOf(kept.table), [kept.key], [kept.count]);
  // The analysis views' counts (migration 025): kept by their triggers during bulk writes too, folded here.
  for (const kept of KEPT_ANALYSIS) await foldDeltas(trx, target(kept.table), kept.deltas, kept.keys, kept.counts);
}
