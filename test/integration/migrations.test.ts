import { NO_MIGRATIONS, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorFor } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
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

const SHARE_COLUMNS = ['id', 'segment', 'period', 'company_id', 'basis', 'share_pct', 'value', 'unit', 'notes', 'source_url', 'confidence', 'created_at', 'updated_at'] as const;
const share = (id: string, basis: string | null, more: Record<string, unknown> = {}) => ({
  id, segment: 'Chatbot web traffic', period: '2026-01', company_id: 'openai', basis, share_pct: 64.5, value: null, unit: '% of visits',
  notes: 'note', source_url: 'https://example.org/tracker', confidence: 'reported', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...more,
});
const insertShare = (row: Record<string, unknown>) => sql`insert into market_shares (${sql.join(Object.keys(row).map((c) => sql.ref(c)))})
  values (${sql.join(Object.values(row))})`.execute(t.atlas.db);
const sharesOf = async () =>
  (await sql<Record<string, unknown>>`select ${sql.join(SHARE_COLUMNS.map((c) => sql.ref(c)))} from market_shares order by id`.execute(t.atlas.db)).rows.map((r) => ({ ...r, share_pct: r.share_pct === null ? null : Number(r.share_pct) }));
// The indexes 013 made (the search indexes of 014 and 018 are search-index.test.ts's).
const shareIndexes = async () => {
  const found =
    TEST_DIALECT === 'postgres'
      ? await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'market_shares' and schemaname = current_schema() and indexname <> 'market_shares_pkey' and indexname not like '%_trgm_idx'`.execute(t.atlas.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'market_shares' and sql is not null`.execute(t.atlas.db);
  return found.rows.map((r) => r.name).sort();
};

describe('migrations', () => {
  it('undo the counts kept by triggers, and fill them again from the rows written meanwhile', async () => {
    const names = Object.keys(migrations).sort(); // Kysely runs them in name order
    const before008 = names[names.indexOf('2026-11-28-008-investor-round-counts') - 1];
    const down = await (await migratorFor(t.atlas.db)).migrateTo(before008);
    expect(down.error).toBeUndefined();
    const undone = names.slice(names.indexOf('2026-11-28-008-investor-round-counts')).reverse();
    expect(down.results?.map((r) => `${r.migrationName} ${r.direction} ${r.status}`)).toEqual(undone.map((name) => `${name} Down Success`));
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

  it('013: old market-share rows survive, traffic and spend are accepted, other bases and bad rows refused', async () => {
    const migrator = await migratorFor(t.atlas.db);
    expect((await migrator.migrateTo('2026-12-07-012-disputed-and-zh-content')).error).toBeUndefined();
    await insertShare(share('ms-old-other', 'other'));
    await insertShare(share('ms-old-revenue', 'revenue', { segment: 'Enterprise LLM spend', share_pct: null, value: 40 }));
    await expect(insertShare(share('ms-too-early', 'traffic'))).rejects.toThrow();
    const before = await sharesOf();

    await migrateToLatest(t.atlas.db);
    expect(await sharesOf()).toEqual(before);
    expect(await shareIndexes()).toEqual(['market_shares_company_idx', 'market_shares_segment_idx']);
    await insertShare(share('ms-traffic', 'traffic', { segment_zh: '聊天机器人网站访问量' }));
    await insertShare(share('ms-spend', 'spend'));
    const { rows } = await sql<{ id: string; basis: string; segment_zh: string | null }>`select id, basis, segment_zh from market_shares order by id`.execute(t.atlas.db);
    expect(rows).toEqual([
      { id: 'ms-old-other', basis: 'other', segment_zh: null },
      { id: 'ms-old-revenue', basis: 'revenue', segment_zh: null },
      { id: 'ms-spend', basis: 'spend', segment_zh: null },
      { id: 'ms-traffic', basis: 'traffic', segment_zh: '聊天机器人网站访问量' },
    ]);
    // The rebuilt table keeps every other rule of migration 001: the basis list, the share range, the
    // confidence list, the required basis and the company reference.
    await expect(insertShare(share('ms-bad-basis', 'visits'))).rejects.toThrow();
    await expect(insertShare(share('ms-bad-basis-2', 'usage'))).rejects.toThrow();
    await expect(insertShare(share('ms-no-basis', null))).rejects.toThrow();
    await expect(insertShare(share('ms-bad-pct', 'traffic', { share_pct: 101 }))).rejects.toThrow();
    await expect(insertShare(share('ms-bad-confidence', 'traffic', { confidence: 'rumour' }))).rejects.toThrow();
    await expect(insertShare(share('ms-bad-company', 'traffic', { company_id: 'nobody' }))).rejects.toThrow();
    await expect(insertShare(share('ms-old-other', 'traffic'))).rejects.toThrow();

    // Undone, the new bases fall back to what the seed used before (traffic → other, spend → revenue).
    expect((await migrator.migrateTo('2026-12-07-012-disputed-and-zh-content')).error).toBeUndefined();
    const undone = await sql<{ id: string; basis: string }>`select id, basis from market_shares order by id`.execute(t.atlas.db);
    expect(undone.rows).toEqual([
      { id: 'ms-old-other', basis: 'other' },
      { id: 'ms-old-revenue', basis: 'revenue' },
      { id: 'ms-spend', basis: 'revenue' },
      { id: 'ms-traffic', basis: 'other' },
    ]);
    expect(await shareIndexes()).toEqual(['market_shares_company_idx', 'market_shares_segment_idx']);
    await expect(insertShare(share('ms-after-undo', 'spend'))).rejects.toThrow();
    await migrateToLatest(t.atlas.db);
    await sql`delete from market_shares`.execute(t.atlas.db);
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
