// Several instances starting at once on one empty PostgreSQL schema: the migrations run once (Kysely's
// migrator takes a lock) and the seed data is loaded once (db/seed.ts takes an advisory lock), and none fails.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openAtlas, type Atlas } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { seedIfEmpty } from '../../db/seed';
import { pgAdmin, pgUrlFor, TEST_DIALECT } from '../support/database';

const schema = `t_${randomBytes(6).toString('hex')}`;
const url = pgUrlFor(schema);
const opened: Atlas[] = [];


afterAll(async () => {
  for (const atlas of opened) await atlas.db.destroy();
  if (TEST_DIALECT === 'postgres') await pgAdmin(`drop schema if exists ${schema} cascade`);
});

describe.skipIf(TEST_DIALECT !== 'postgres')('three instances starting at once on an empty PostgreSQL schema', () => {
  it('migrate once and seed once, and all of them start', { timeout: 120_000 }, async () => {
    await pgAdmin(`create schema ${schema}`);
    const instances = [openAtlas(url), openAtlas(url), openAtlas(url)];
    opened.push(...instances);
    const outcome = (settled: PromiseSettledResult<void>[]) => settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'));
    expect(outcome(await Promise.allSettled(instances.map((atlas) => migrateToLatest(atlas.db))))).toEqual(['ok', 'ok', 'ok']);
    // Apart from the migrations (which serialise the instances' start), so all three find the database empty.
    expect(outcome(await Promise.allSettled(instances.map((atlas) => seedIfEmpty(atlas))))).toEqual(['ok', 'ok', 'ok']);

    const db = instances[0].db;
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());

    // Seeded once: one 'create' entry of the seed per row, in every collection, and rows in the companies.
    const companies = await sql<{ n: number }>`select count(*) as n from companies`.execute(db);
    expect(Number(companies.rows[0].n)).toBeGreaterThan(100);
    const perRow = await sql<{ n: number }>`select count(*) as n from changes where actor = 'seed' group by collection, row_id having count(*) > 1`.execute(db);
    expect(perRow.rows).toEqual([]);
    const entries = await sql<{ n: number }>`select count(*) as n from changes where actor = 'seed' and collection = 'companies'`.execute(db);
    expect(Number(entries.rows[0].n)).toBe(Number(companies.rows[0].n));
  });
});
