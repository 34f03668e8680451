import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as conc from '../../app/api/v1/concentration/route';
import * as series from '../../app/api/v1/concentration/series/route';
import * as sData from '../../app/api/v1/s/[token]/route';
import * as shares from '../../app/api/v1/shares/route';
import { loadHome } from '../../app/_views/home';
import { fundingByYearAndRegion } from '../../db/dashboard';
import { displayFxOf } from '../../db/fx';
import { concentration as measure } from '../../lib/concentration/measures';
import { getCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { CNY_USD, getList, getOne, KRW_USD, loadRatesAndRounds } from '../support/fx';
import { call } from '../support/http';

// `currency=` shows every money column of an answer in that currency at each round's year (lists, one row,
// CSV, concentration, the dashboard, share links); the rates used are named in `fx`; a year without a rate gives
// null, flagged, never 0; an unknown currency is a 400 naming `currency`. Both databases.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  await loadRatesAndRounds();
});
afterAll(async () => t.cleanup());

const CNY_2022 = 6.729;
const CNY_2023 = 7.0809;
const byId = (rows: { id: string }[]) => new Map(rows.map((r) => [r.id, r as Record<string, unknown>]));
const concentration = (query: string) => call(conc.GET, `/api/v1/concentration?${query}`, {});

describe('lists and one row', () => {
  it('shows a USD round in CNY at its year’s rate, names the rates, flags a year without one', async () => {
    const reply = await getList('investments', 'currency=CNY&pageSize=100');
    expect(reply.status).toBe(200);
    const rows = byId(reply.body.rows);
    expect(rows.get('harvey-seed')).toMatchObject({ amount_usd: Math.round(5_000_000 * CNY_2022) });
    expect(rows.get('harvey-seed')?.amount_usd).toBe(33_645_000);
    expect(rows.get('krw-round')).toMatchObject({ amount_usd: Math.round(KRW_USD * CNY_2022), amount_usd_basis: 'converted', fx_rate: 1291.7796 });
    expect(Number(rows.get('cny-round')?.amount_usd)).toBeCloseTo(2_500_000_000, -1);
    expect(rows.get('msft-2019')).toMatchObject({ amount_usd: null, amount_usd_fx_missing: true });
    expect(rows.get('msft-2021')).toMatchObject({ amount_usd: null });
    expect(rows.get('msft-2021')?.amount_usd_fx_missing).toBeUndefined();
    expect(reply.body.fx).toEqual({
      currency: 'CNY',
      rates: [
        { year: 2022, rate: CNY_2022, id: 'cny-2022', source_url: 'https://federalreserve.gov/releases/g5a/20240201' },
        { year: 2023, rate: CNY_2023, id: 'cny-2023', source_url: 'https://federalreserve.gov/releases/g5a/20240201' },
      ],
      missing_years: [2019],
    });
  });

  it('USD or no currency: the amounts as stored; a code in lower case reads as upper case', async () => {
    const usd = (await getList('investments', 'currency=USD&pageSize=100')).body;
    expect(byId(usd.rows).get('msft-2019')).toMatchObject({ amount_usd: 1_000_000_000 });
    expect(usd.fx).toEqual({ currency: 'USD', rates: [], missing_years: [] });
    expect((await getList('investments', 'pageSize=1')).body.fx).toBeUndefined();
    expect((await getList('investments', 'currency=cny&pageSize=1')).body.fx.currency).toBe('CNY');
  });

  it('sorts by the stored US-dollar amount in any currency (on its index): the same rows in the same order', async () => {
    const ids = (query: string) => getList('investments', `${query}sort=amount_usd&order=desc&pageSize=100`).then((r) => r.body.rows.map((row: { id: string }) => row.id));
    const usd = await ids('');
    expect(usd.slice(0, 6)).toEqual(['msft-2019', 'cny-round', 'cny-reported', 'krw-round', 'mem-2022', 'harvey-seed']);
    expect(await ids('currency=CNY&')).toEqual(usd);
    // Filters stay in US dollars too: amount_usd__gte=50000000 is fifty million dollars.
    const big = (await getList('investments', 'currency=CNY&amount_usd__gte=50000000')).body.rows.map((r: { id: string }) => r.id).sort();
    expect(big).toEqual(['cny-reported', 'cny-round', 'krw-round', 'msft-2019']);
  });

  it('one row, its related rows and the rounds a company joined, in CNY', async () => {
    const round = await getOne('investments', 'harvey-seed', 'currency=CNY');
    expect(round.body).toMatchObject({ amount_usd: 33_645_000, fx: { currency: 'CNY', rates: [{ year: 2022, rate: CNY_2022 }], missing_years: [] } });
    const company = await getOne('companies', 'harvey', 'currency=CNY');
    const raised = byId(company.body.related.investments.company_id);
    expect(raised.get('krw-round')).toMatchObject({ amount_usd: Math.round(KRW_USD * CNY_2022), amount_usd_basis: 'converted' });
    const fund = await getOne('companies', 'openai-startup-fund', 'currency=CNY');
    expect(byId(fund.body.investmentsMade).get('harvey-seed')).toMatchObject({ amount_usd: 33_645_000 });
  });

  it('an unknown currency is a 400 naming currency on every route, and a malformed one too', async () => {
    const replies = [
      await getList('investments', 'currency=XYZ'),
      // An empty page cannot tell from its rows' rates: the currency is still checked.
      await getList('investments', 'currency=XYZ&q=no-such-round-anywhere'),
      await getOne('investments', 'harvey-seed', 'currency=XYZ'),
      await getCsv('investments', 'currency=XYZ'),
      await concentration('currency=XYZ'),
      await call(series.GET, '/api/v1/concentration/series?currency=XYZ', {}),
      await getList('investments', 'currency=12'),
      await getList('investments', 'currency=CNY&currency=EUR'),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      const body = typeof reply.body === 'string' ? JSON.parse(reply.body) : reply.body;
      expect(body.error).toMatchObject({ code: 'invalid_param', param: 'currency' });
    }
    expect(JSON.parse(String(replies[0].text)).error.message).toMatch(/USD, CNY, EUR, KRW/);
    await expect(loadHome(t.atlas, 'XYZ')).rejects.toMatchObject({ status: 400, details: { param: 'currency' } });
  });

  it('an empty page in a known currency is an empty page with its fx block', async () => {
    const reply = await getList('investments', 'currency=CNY&q=no-such-round-anywhere');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ rows: [], total: 0, fx: { currency: 'CNY', rates: [], missing_years: [] } });
  });
});

describe('CSV', () => {
  it('names the currency in the header, gives each row’s rate, leaves a year without one empty', async () => {
    const csv = await getCsv('investments', 'currency=CNY&columns=id,amount_usd,amount_usd_basis&sort=id');
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,amount_usd (CNY),amount_usd_basis,fx_rate (CNY per USD)');
    expect(lines).toContain('harvey-seed,33645000,reported,6.729');
    expect(lines).toContain(`krw-round,${Math.round(KRW_USD * CNY_2022)},converted,6.729`);
    expect(lines).toContain('msft-2019,,reported,');
    expect((await getCsv('investments', 'columns=id,amount_usd')).text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('id,amount_usd');
  });
});

describe('concentration', () => {
  const hhiOf = (values: number[]) => measure(values.map((value, i) => ({ id: String(i), name: String(i), value }))).hhi;

  it('within one year the shares, and so HHI, are the same in any currency; the total is scaled by the year’s rate', async () => {
    const usd = (await concentration('from=2022&to=2022')).body;
    const cny = (await concentration('from=2022&to=2022&currency=CNY')).body;
    expect(cny.hhi).toBeCloseTo(usd.hhi, 9);
    expect(cny.total).toBeCloseTo(usd.total * CNY_2022, 0);
    expect(cny.fx).toMatchObject({ currency: 'CNY', rates: [{ year: 2022, rate: CNY_2022 }], missing_years: [] });
    expect(usd.fx).toBeUndefined();
  });

  it('across years each round is taken at its own year: shares shift, and a year without a rate is left out and counted', async () => {
    const usd = (await concentration('')).body;
    const cny = (await concentration('currency=CNY')).body;
    const harvey = (5_000_000 + KRW_USD) * CNY_2022;
    const mem = 23_500_000 * CNY_2022;
    const zhipu = CNY_USD * CNY_2023;
    const baidu = 340_000_000 * CNY_2023;
    expect(cny.hhi).toBeCloseTo(hhiOf([harvey, mem, zhipu, baidu]), 6);
    expect(usd.hhi).toBeCloseTo(hhiOf([1_000_000_000, 5_000_000 + KRW_USD, 23_500_000, CNY_USD, 340_000_000]), 6);
    expect(cny.excluded).toBe(usd.excluded + 1); // msft-2019: no 2019 CNY rate
    expect(cny.fx.missing_years).toEqual([2019]);
    // Without the 2019 round the same markets differ only by the rates of 2022 and 2023.
    const usdNoRate = (await concentration('from=2020')).body;
    const cnyNoRate = (await concentration('from=2020&currency=CNY')).body;
    expect(cnyNoRate.hhi).not.toBeCloseTo(usdNoRate.hhi, 3);
    expect(usdNoRate.hhi).toBeCloseTo(hhiOf([5_000_000 + KRW_USD, 23_500_000, CNY_USD, 340_000_000]), 6);
  });

  it('the yearly series has the same HHI in every year that has a rate', async () => {
    const usd = (await call(series.GET, '/api/v1/concentration/series?interval=year', {})).body.points;
    const cny = (await call(series.GET, '/api/v1/concentration/series?interval=year&currency=CNY', {})).body.points;
    for (const period of ['2022', '2023']) {
      const [u, c] = [usd.find((p: { period: string }) => p.period === period), cny.find((p: { period: string }) => p.period === period)];
      expect(c.hhi).toBeCloseTo(u.hhi, 9);
    }
    expect(cny.find((p: { period: string }) => p.period === '2019')).toMatchObject({ n: 0, excluded: 1 });
  });
});

describe('dashboard and share links', () => {
  it('sums each round at its year’s rate, leaves out a year without one, counts the converted rounds', async () => {
    const home = await loadHome(t.atlas, 'CNY');
    const expected = (5_000_000 + 23_500_000 + KRW_USD) * CNY_2022 + (CNY_USD + 340_000_000) * CNY_2023;
    expect(home.stats.disclosedFunding).toBe(Math.round(expected));
    expect(home.stats.convertedRounds).toBe(2);
    expect(home.fx).toMatchObject({ currency: 'CNY', missing_years: [2019] });
    expect(home.fx?.rates.map((r) => r.year)).toEqual([2022, 2023]);
    const regions = await fundingByYearAndRegion(t.atlas, await displayFxOf(t.atlas.db, 'CNY'));
    expect(regions.map((r) => r.period)).toEqual(['2022', '2023']);
    expect(regions[0].total).toBeCloseTo((5_000_000 + 23_500_000 + KRW_USD) * CNY_2022, 0);
    expect((await loadHome(t.atlas)).stats.disclosedFunding).toBe(1_000_000_000 + 5_000_000 + 23_500_000 + KRW_USD + CNY_USD + 340_000_000);
  });

  it('a share link keeps its currency=', async () => {
    const headers = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };
    const made = await call(shares.POST, '/api/v1/shares', {}, { method: 'POST', body: { path: '/investments?currency=CNY&sort=id', mode: 'snapshot' }, headers });
    expect(made.status).toBe(201);
    const token = String(made.body.token);
    const shared = await call(sData.GET, `/api/v1/s/${token}`, { token });
    expect(shared.body.fx).toMatchObject({ currency: 'CNY' });
    expect(byId(shared.body.rows).get('harvey-seed')).toMatchObject({ amount_usd: 33_645_000 });
  });
});
