import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migratorFor } from '../../db/connection';
import { getCsv, postCsv, undoImport } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { CNY_USD, del, getList, getOne, KRW_USD, loadRatesAndRounds, patch, post, undoLatest } from '../support/fx';

// A round reported only in another currency gets a US-dollar amount at its year's average rate, marked
// `converted` with the rate and year; a reported US-dollar amount is never overwritten; the conversion follows
// every write of the round and of the rates (edit, delete, undo, CSV import and its undo). Both databases.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  await loadRatesAndRounds();
});
afterAll(async () => t.cleanup());

const round = async (id: string) => (await getOne('investments', id)).body;

describe('converted US-dollar amounts', () => {
  it('converts a KRW and a CNY round at their year’s rate and marks them', async () => {
    expect(await round('krw-round')).toMatchObject({ amount_usd: KRW_USD, amount_usd_basis: 'converted', fx_rate: 1291.7796, fx_year: 2022, currency: 'KRW' });
    expect(KRW_USD).toBe(50_705_244);
    expect(await round('cny-round')).toMatchObject({ amount_usd: CNY_USD, amount_usd_basis: 'converted', fx_rate: 7.0809, fx_year: 2023 });
  });

  it('never overwrites a reported US-dollar amount; a year without a rate leaves the amount empty, never 0', async () => {
    expect(await round('cny-reported')).toMatchObject({ amount_usd: 340_000_000, amount_usd_basis: 'reported', fx_rate: null, fx_year: null });
    expect(await round('harvey-seed')).toMatchObject({ amount_usd: 5_000_000, amount_usd_basis: 'reported' });
    expect(await round('cny-2026')).toMatchObject({ amount_usd: null, amount_usd_basis: null, fx_rate: null });
  });

  it('a rate quoted as US dollars per unit converts by multiplying (EUR)', async () => {
    const created = await post('investments', { id: 'eur-round', company_id: 'mem', announced_on: '2023-06-01', amount_original: 105_000_000, currency: 'EUR' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ amount_usd: 113_578_500, amount_usd_basis: 'converted', fx_year: 2023 });
    expect(created.body.fx_rate).toBeCloseTo(1 / 1.0817, 12);
  });

  it('sorting, totals and filters by amount_usd include converted amounts', async () => {
    const sorted = (await getList('investments', 'sort=amount_usd&order=desc&pageSize=10')).body.rows.map((r: { id: string }) => r.id);
    expect(sorted.slice(0, 5)).toEqual(['msft-2019', 'cny-round', 'cny-reported', 'eur-round', 'krw-round']);
    const big = (await getList('investments', 'amount_usd__gte=50000000')).body.rows.map((r: { id: string }) => r.id).sort();
    expect(big).toEqual(['cny-reported', 'cny-round', 'eur-round', 'krw-round', 'msft-2019']);
    const converted = (await getList('investments', 'amount_usd_basis=converted')).body.rows.map((r: { id: string }) => r.id).sort();
    expect(converted).toEqual(['cny-round', 'eur-round', 'krw-round']);
  });

  it('filters the currency column with currency__eq (currency= shows money in a currency)', async () => {
    const krw = (await getList('investments', 'currency__eq=KRW')).body;
    expect(krw.rows.map((r: { id: string }) => r.id)).toEqual(['krw-round']);
    expect(krw.fx).toBeUndefined();
  });
});

describe('the conversion follows its inputs', () => {
  it('an edit of the original amount converts again; a given US-dollar amount becomes reported and stays', async () => {
    const edited = Math.round(64_583_112_000 / 1291.7796);
    expect((await patch('investments', 'krw-round', { amount_original: 64_583_112_000 })).body).toMatchObject({ amount_usd: edited, amount_usd_basis: 'converted' });
    expect((await patch('investments', 'krw-round', { notes: 'edited' })).body).toMatchObject({ amount_usd: edited, amount_usd_basis: 'converted' });
    // An edit form sends back the converted amount it showed: still a conversion, following the new original.
    expect((await patch('investments', 'krw-round', { amount_usd: edited, amount_original: 65_500_000_000 })).body).toMatchObject({ amount_usd: KRW_USD, amount_usd_basis: 'converted' });
    expect((await patch('investments', 'cny-round', { amount_usd: 350_000_000 })).body).toMatchObject({ amount_usd: 350_000_000, amount_usd_basis: 'reported', fx_rate: null, fx_year: null });
    expect((await patch('fx-rates', 'cny-2023', { rate: 7.1 })).status).toBe(200);
    expect(await round('cny-round')).toMatchObject({ amount_usd: 350_000_000, amount_usd_basis: 'reported' });
    expect((await patch('fx-rates', 'cny-2023', { rate: 7.0809 })).status).toBe(200);
    // Emptied, the US-dollar amount is converted again.
    expect((await patch('investments', 'cny-round', { amount_usd: null })).body).toMatchObject({ amount_usd: CNY_USD, amount_usd_basis: 'converted' });
  });

  it('a rate edit, its undo, a rate deleted and restored convert the rounds again', async () => {
    expect((await patch('fx-rates', 'krw-2022', { rate: 1300 })).status).toBe(200);
    expect(await round('krw-round')).toMatchObject({ amount_usd: Math.round(65_500_000_000 / 1300), fx_rate: 1300 });
    expect((await undoLatest('fx-rates', 'krw-2022')).status).toBe(200);
    expect(await round('krw-round')).toMatchObject({ amount_usd: KRW_USD, fx_rate: 1291.7796 });
    expect((await del('fx-rates', 'krw-2022')).status).toBe(204);
    expect(await round('krw-round')).toMatchObject({ amount_usd: null, amount_usd_basis: null, fx_rate: null, fx_year: null });
    expect((await undoLatest('fx-rates', 'krw-2022')).status).toBe(200);
    expect(await round('krw-round')).toMatchObject({ amount_usd: KRW_USD, amount_usd_basis: 'converted', fx_year: 2022 });
  });

  it('a round moved to a year without a rate loses its converted amount; undone, it has it again', async () => {
    expect((await patch('investments', 'krw-round', { announced_on: '2026-02-01' })).body).toMatchObject({ amount_usd: null, amount_usd_basis: null });
    expect((await undoLatest('investments', 'krw-round')).status).toBe(200);
    expect(await round('krw-round')).toMatchObject({ amount_usd: KRW_USD, amount_usd_basis: 'converted' });
  });

  it('refuses a rate that breaks the rules, naming the field', async () => {
    const usd = await post('fx-rates', { id: 'usd-2023', currency_code: 'USD', year: 2023, rate: 1, quote: 'units_per_usd' });
    expect(usd.status).toBe(422);
    expect(usd.body.error.issues.map((i: { path: string }) => i.path)).toContain('currency_code');
    const zero = await post('fx-rates', { id: 'jpy-2023', currency_code: 'JPY', year: 2023, rate: 0, quote: 'units_per_usd' });
    expect(zero.body.error.issues.map((i: { path: string }) => i.path)).toContain('rate');
    const badId = await post('fx-rates', { id: 'yen', currency_code: 'JPY', year: 2023, rate: 140.5001, quote: 'units_per_usd' });
    expect(badId.body.error.issues).toEqual([{ path: 'id', message: expect.stringContaining('"jpy-2023"') }]);
    const twice = await post('fx-rates', { id: 'cny-2023', currency_code: 'CNY', year: 2023, rate: 7, quote: 'units_per_usd' });
    expect(twice.status).toBe(409);
    expect((await getList('fx-rates')).body.total).toBe(4);
  });
});

describe('CSV', () => {
  it('an export of converted rounds imports back unchanged, still converted', async () => {
    const exported = await getCsv('investments');
    const reply = await postCsv('investments', new TextEncoder().encode(exported.text));
    expect(reply.body.rejected).toEqual([]);
    expect(reply.body).toMatchObject({ inserted: 0, updated: 0 });
    expect(await round('krw-round')).toMatchObject({ amount_usd: KRW_USD, amount_usd_basis: 'converted' });
  });

  it('a round imported with only its original amount is converted; an imported rate converts rounds; undone, they are as before', async () => {
    const rounds = 'id,company_id,announced_on,amount_original,currency\r\nkrw-import,mem,2022-05-01,1291779600,KRW\r\n';
    const imported = await postCsv('investments', rounds);
    expect(imported.body).toMatchObject({ inserted: 1 });
    expect(await round('krw-import')).toMatchObject({ amount_usd: 1_000_000, amount_usd_basis: 'converted', fx_year: 2022 });

    const rates = 'id,currency_code,year,rate,quote,source_url\r\nhkd-2026,HKD,2026,7.8,units_per_usd,https://example.org/hkd\r\n';
    const batch = await postCsv('fx-rates', rates);
    expect(batch.body).toMatchObject({ inserted: 1 });
    expect(await round('cny-2026')).toMatchObject({ amount_usd: Math.round(4_350_000_000 / 7.8), amount_usd_basis: 'converted', fx_year: 2026 });
    expect((await undoImport(String(batch.body.batchId))).status).toBe(200);
    expect(await round('cny-2026')).toMatchObject({ amount_usd: null, amount_usd_basis: null });
  });
});

describe('migration 017', () => {
  it('undone, converted amounts are emptied (they were never reported); applied again, stored amounts read as reported', async () => {
    const basis = async () =>
      Object.fromEntries((await sql<{ id: string; amount_usd: number | null; amount_usd_basis?: string | null }>`select * from investments where id in ('krw-round', 'harvey-seed')`.execute(t.atlas.db)).rows.map((r) => [r.id, [r.amount_usd === null ? null : Number(r.amount_usd), r.amount_usd_basis ?? null]]));
    expect((await (await migratorFor(t.atlas.db)).migrateTo('2026-12-07-015-boards')).error).toBeUndefined();
    expect(await basis()).toEqual({ 'harvey-seed': [5_000_000, null], 'krw-round': [null, null] });
    await migrateToLatest(t.atlas.db);
    expect(await basis()).toEqual({ 'harvey-seed': [5_000_000, 'reported'], 'krw-round': [null, null] });
    expect((await getList('fx-rates')).body.total).toBe(0);
  });
});
