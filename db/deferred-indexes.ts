import { sql } from 'kysely';
import type { Executor } from './changes';
import type { DialectName } from './dialect';

// SQLite: a bulk write of many rows into a large table builds the table's secondary indexes afresh when it ends,
// instead of inserting (or deleting) each row's entries at random places of a dozen indexes of millions of
// entries, which misses the page cache at nearly every entry (docs/decisions/030-import-write-path.md). The
// indexes are dropped inside the writing transaction — a reader on another connection keeps seeing them, a
// rollback brings them back — and created again from their own SQL before the commit; the planner's statistics of
// each index (sqlite_stat1) are kept and put back. Unique indexes are never dropped: they check the rows.
// PostgreSQL: never (dropping an index locks the table against every reader for the length of the write).

/**
 * When a bulk write defers its tables' indexes: once it wrote `afterRows` rows of a table, and at least `share` of
 * the rows the table held before (rebuilding costs in proportion to the whole table). Tests lower the bar.
 */
export const DEFERRAL = { afterRows: 50_000, share: 1 / 8 };

interface Dropped {
  name: string;
  sql: string;
  stats: { tbl: string; idx: string; stat: string }[];
}

export class DeferredIndexes {
  private readonly dropped: Dropped[] = [];
  private readonly deferred = new Set<string>();
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly trx: Executor,
    private readonly dialect: DialectName,
  ) {}

  /** Rows of a collection's table when the write began (called before it writes): `tables` is it and its link tables. */
  async measure(tables: readonly string[]): Promise<void> {
    if (this.dialect !== 'sqlite' || this.sizes.has(tables[0])) return;
    const { rows } = await sql<{ n: number | null }>`select max(rowid) as n from ${sql.table(tables[0])}`.execute(this.trx);
    this.sizes.set(tables[0], Number(rows[0]?.n ?? 0));
  }

  /**
   * Drop the non-unique indexes of a collection's table and its link tables once `written` rows of it make
   * rebuilding them the cheaper way (its links grow with its rows).
   */
  async consider(tables: readonly string[], written: number): Promise<void> {
    if (this.dialect !== 'sqlite' || written < DEFERRAL.afterRows || written < (this.sizes.get(tables[0]) ?? 0) * DEFERRAL.share) return;
    for (const table of tables) {
      if (this.deferred.has(table)) continue;
      this.deferred.add(table);
      const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
          where type = 'index' and tbl_name = ${table} and sql is not null and sql not like 'create unique%' collate nocase`.execute(this.trx);
      for (const index of rows) {
        const stats = await sql<{ tbl: string; idx: string; stat: string }>`select tbl, idx, stat from sqlite_stat1 where idx = ${index.name}`
          .execute(this.trx)
          .then((r) => r.rows)
          .catch(() => []);
        await sql`drop index ${sql.id(index.name)}`.execute(this.trx);
        this.dropped.push({ ...index, stats });
      }
    }
  }

  /** Create the dropped indexes again, with their statistics. */
  async restore(): Promise<void> {
    if (this.dropped.length === 0) return;
    for (const index of this.dropped) await sql.raw(index.sql).execute(this.trx);
    const stats = this.dropped.flatMap((d) => d.stats);
    for (const s of stats) await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${s.tbl}, ${s.idx}, ${s.stat})`.execute(this.trx);
    // The planner reads the statistics again.
    if (stats.length) await sql`analyze sqlite_schema`.execute(this.trx);
    this.dropped.length = 0;
  }
}
