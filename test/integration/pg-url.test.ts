import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDatabase, TEST_DIALECT, type TestDatabase } from '../support/database';

let t: TestDatabase;
beforeAll(async () => { t = await useTestDatabase(); });
afterAll(async () => t.cleanup());

it('opens a fresh, migrated database of the selected dialect', async () => {
  expect(t.atlas.dialect).toBe(TEST_DIALECT);
  const found = await sql<{ n: number }>`select count(*) as n from companies`.execute(t.atlas.db);
  expect(Number(found.rows[0].n)).toBe(0);
});
