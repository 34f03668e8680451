import { NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorFor } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { keptAndCounted } from '../support/kept-counts';
import { expectSearchAgrees, indexedColumns, registryColumns, searched } from '../support/search-index';
import { getCollection } from '../../lib/collections';

// Every migration can be undone and applied again, and the tables the latest ones fill from the rows
// (counts kept by triggers, per round value and per investor; the search indexes) come back equal to counts
// from the rows, and to a scan of them, written while they were gone.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

/** A table of this test's database (on PostgreSQL, of its schema: other schemas of the test database may hold one of the name). */
const tableExists = async (name: string) => {
  const schema = t.atlas.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.atlas.db)).rows[0].s : undefined;
  return (await t.atlas.db.introspection.getTables()).some((table) => table.name === name && (schema === undefined || table.schema === schema));
};

describe('migrations', () => {
  it('undo the counts kept by triggers, and fill them again from the rows written meanwhile', async () => {
    const names = Object.keys(migrations);
    const before008 = names[names.indexOf('2026-11-28-008-investor-round-counts') - 1];
    const down = await (await migratorFor(t.atlas.db)).migrateTo(before008);
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => `${r.migrationName} ${r.direction} ${r.status}`)).toEqual([
      '2026-12-07-014-search-indexes Down Success',
      '2026-12-07-012-disputed-and-zh-content Down Success',
      '2026-12-07-011-rate-limits Down Success',
      '2026-11-29-010-round-writers-lock Down Success',
      '2026-11-29-009-investment-facet-counts Down Success',
      '2026-11-28-008-investor-round-counts Down Success',
    ]);
    expect(await tableExists('investment_facet_counts')).toBe(false);
    expect(await tableExists('investor_round_counts')).toBe(false);

    // Written with no trigger counting or indexing.
    await sql`update investments set round_type = 'seed', instrument = 'equity', notes = 'Written while the search index was gone' where id = 'msft-2021'`.execute(t.atlas.db);
    await sql`delete from investments where id = 'mem-2022'`.execute(t.atlas.db);
    await sql`update companies set name_zh = '哈维法律' where id = 'harvey'`.execute(t.atlas.db);

    await migrateToLatest(t.atlas.db);
    const { kept, counted } = await keptAndCounted(t.atlas);
    expect(kept).toEqual(counted);
    expect(counted['round_type:seed']).toBe(2);
    // Migration 014 fills the search indexes from the rows as they are now.
    expect(await indexedColumns(t.atlas)).toEqual(registryColumns());
    await expectSearchAgrees(t.atlas, ['search index was gone', '哈维法律', 'harvey', '哈维', 'Mem', 'zhipu']);
    expect((await searched(getCollection('investments'), 'search index was gone')).ids).toEqual(['msft-2021']);
  });

  it('all undo to an empty database and apply again', async () => {
    const down = await (await migratorFor(t.atlas.db)).migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results?.every((r) => r.status === 'Success')).toBe(true);
    expect(down.results).toHaveLength(Object.keys(migrations).length);
    expect(await tableExists('investments')).toBe(false);
    await migrateToLatest(t.atlas.db);
    expect(await tableExists('investment_facet_counts')).toBe(true);
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from investment_facet_counts`.execute(t.atlas.db);
    expect(Number(rows[0].n)).toBe(0);
    expect(await indexedColumns(t.atlas)).toEqual(registryColumns());
  });
});
