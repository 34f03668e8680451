import { NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorFor } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { keptAndCounted } from '../support/kept-counts';

// Every migration can be undone and applied again, and the tables the latest ones fill from the rows
// (counts kept by triggers, per round value and per investor) come back equal to counts from the rows
// written while they were gone.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const tableExists = async (name: string) => (await t.atlas.db.introspection.getTables()).some((table) => table.name === name);

describe('migrations', () => {
  it('undo the counts kept by triggers, and fill them again from the rows written meanwhile', async () => {
    const names = Object.keys(migrations);
    const before008 = names[names.indexOf('2026-11-28-008-investor-round-counts') - 1];
    const down = await (await migratorFor(t.atlas.db)).migrateTo(before008);
    expect(down.error).toBeUndefined();
    const undone = names.slice(names.indexOf('2026-11-28-008-investor-round-counts')).reverse();
    expect(down.results?.map((r) => `${r.migrationName} ${r.direction} ${r.status}`)).toEqual(undone.map((name) => `${name} Down Success`));
    expect(await tableExists('investment_facet_counts')).toBe(false);
    expect(await tableExists('investor_round_counts')).toBe(false);

    // Written with no trigger counting.
    await sql`update investments set round_type = 'seed', instrument = 'equity' where id = 'msft-2021'`.execute(t.atlas.db);
    await sql`delete from investments where id = 'mem-2022'`.execute(t.atlas.db);

    await migrateToLatest(t.atlas.db);
    const { kept, counted } = await keptAndCounted(t.atlas);
    expect(kept).toEqual(counted);
    expect(counted['round_type:seed']).toBe(2);
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
  });
});
