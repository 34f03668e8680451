import { describe, expect, it } from 'vitest';
import { investments } from '@/lib/collections/investments';
import { conversionOf, convertRows, displayAmount, fxBlock, usdAmountOf, type DisplayFx } from '@/lib/fx/convert';
import { csvColumnsIn, FX_YEAR_KEY } from '@/lib/fx/csv';
import { cookieCurrency, parseCurrencyParam } from '@/lib/fx/param';
import { fromUsd, lookupOf, toUsd, unitsPerUsd, yearOf, type FxRate } from '@/lib/fx/rates';
import { formatMoney } from '@/lib/format';
import type { Row } from '@/lib/collections/types';

// The arithmetic of money in other currencies (lib/fx): rates read as their source prints them, a round's
// US-dollar amount and how it was had, and money shown in another currency at each row's year.

const rate = (id: string, currency: string, year: number, value: number, quote: FxRate['quote'] = 'units_per_usd'): FxRate => ({ id, currency, year, rate: value, quote, source_url: 'https://federalreserve.gov/releases/g5a/20240201' });
const KRW_2022 = rate('krw-2022', 'KRW', 2022, 1291.7796);
const CNY_2022 = rate('cny-2022', 'CNY', 2022, 6.729);
const CNY_2023 = rate('cny-2023', 'CNY', 2023, 7.0809);
const EUR_2023 = rate('eur-2023', 'EUR', 2023, 1.0817, 'usd_per_unit');
const fx = lookupOf([KRW_2022, CNY_2022, CNY_2023, EUR_2023]);
const CNY: DisplayFx = { currency: 'CNY', rates: [CNY_2022, CNY_2023] };

describe('rates', () => {
  it('convert either way as the rate reads, without a rounded inverse', () => {
    expect(toUsd(65_500_000_000, KRW_2022)).toBeCloseTo(50_705_244.2, 0);
    expect(toUsd(105_000_000, EUR_2023)).toBeCloseTo(113_578_500, 6);
    expect(fromUsd(5_000_000, CNY_2022)).toBeCloseTo(33_645_000, 6);
    expect(fromUsd(113_578_500, EUR_2023)).toBeCloseTo(105_000_000, 6);
    expect(unitsPerUsd(CNY_2023)).toBe(7.0809);
    expect(unitsPerUsd(EUR_2023)).toBeCloseTo(0.92447, 5);
  });

  it('look a rate up by currency and year; a missing one stays missing', () => {
    expect(fx('CNY', 2023)).toBe(CNY_2023);
    expect(fx('CNY', 2024)).toBeUndefined();
    expect(yearOf('2023-06-01')).toBe(2023);
    expect(yearOf(null)).toBeNull();
  });
});

describe("a round's US-dollar amount", () => {
  const krw = { announced_on: '2022-10-01', amount_original: 65_500_000_000, currency: 'KRW' };

  it('converts an amount reported only in another currency, with its rate and year', () => {
    expect(usdAmountOf({ ...krw, amount_usd: null }, null, fx)).toEqual({ amount_usd: 50_705_244, amount_usd_basis: 'converted', fx_rate: 1291.7796, fx_year: 2022 });
  });

  it('never overwrites a reported amount; without a rate (or a date, or for US dollars) there is no amount, never 0', () => {
    expect(usdAmountOf({ ...krw, amount_usd: 46_000_000 }, null, fx)).toEqual({ amount_usd_basis: 'reported', fx_rate: null, fx_year: null });
    expect(usdAmountOf({ ...krw, announced_on: '2026-01-01', amount_usd: null }, null, fx)).toEqual({ amount_usd: null, amount_usd_basis: null, fx_rate: null, fx_year: null });
    expect(conversionOf({ ...krw, announced_on: null }, fx)).toBeNull();
    expect(conversionOf({ ...krw, currency: 'USD' }, fx)).toBeNull();
    expect(conversionOf({ ...krw, amount_original: 100 }, fx)).toBeNull(); // 0.08 dollars: no figure
  });

  it('keeps a converted amount converted when it is sent back unchanged, or is exactly the conversion', () => {
    const previous = { ...krw, amount_usd: 50_705_244, amount_usd_basis: 'converted' };
    expect(usdAmountOf({ ...previous, amount_original: 64_583_112_000 }, previous, fx)).toMatchObject({ amount_usd: Math.round(64_583_112_000 / 1291.7796), amount_usd_basis: 'converted' });
    expect(usdAmountOf({ ...krw, amount_usd: 50_705_244 }, null, fx)).toMatchObject({ amount_usd_basis: 'converted' });
    expect(usdAmountOf({ ...previous, amount_usd: 50_000_000 }, previous, fx)).toMatchObject({ amount_usd_basis: 'reported' });
    expect(usdAmountOf({ ...previous, amount_usd: null }, previous, fx)).toMatchObject({ amount_usd: 50_705_244, amount_usd_basis: 'converted' });
  });

  it('is the derive of the investments registry', () => {
    expect(investments.derive?.({ ...krw }, { previous: null, fx })).toMatchObject({ amount_usd_basis: 'converted' });
    expect(investments.deriveUses).toEqual(['fx-rates']);
  });
});

describe('money shown in another currency', () => {
  const rows: Row[] = [
    { id: 'a', announced_on: '2022-11-23', amount_usd: 5_000_000, post_money_usd: null },
    { id: 'b', announced_on: '2023-01-01', amount_usd: 340_000_000, post_money_usd: 1_000_000_000 },
    { id: 'c', announced_on: '2019-07-22', amount_usd: 1_000_000_000, post_money_usd: null },
    { id: 'd', announced_on: null, amount_usd: 7, post_money_usd: null },
  ];

  it('converts each row at its year, flags a year without a rate, names the rates used', () => {
    const { rows: shown, fx: block } = convertRows(investments, rows, CNY);
    expect(shown.map((r) => [r.id, r.amount_usd, r.post_money_usd])).toEqual([
      ['a', 33_645_000, null],
      ['b', Math.round(340_000_000 * 7.0809), Math.round(1_000_000_000 * 7.0809)],
      ['c', null, null],
      ['d', null, null],
    ]);
    expect(shown[2].amount_usd_fx_missing).toBe(true);
    expect(shown[3].amount_usd_fx_missing).toBe(true);
    expect(shown[0].amount_usd_fx_missing).toBeUndefined();
    expect(rows[0].amount_usd).toBe(5_000_000); // the input is not changed
    expect(block).toEqual({
      currency: 'CNY',
      rates: [
        { year: 2022, rate: 6.729, id: 'cny-2022', source_url: CNY_2022.source_url },
        { year: 2023, rate: 7.0809, id: 'cny-2023', source_url: CNY_2023.source_url },
      ],
      missing_years: [2019],
    });
  });

  it('leaves US dollars as they are', () => {
    const usd: DisplayFx = { currency: 'USD', rates: [] };
    expect(convertRows(investments, rows, usd).rows).toEqual(rows);
    expect(displayAmount(usd, 12, null)).toBe(12);
    expect(fxBlock(usd, [2022])).toEqual({ currency: 'USD', rates: [], missing_years: [] });
  });

  it('heads converted CSV columns with the currency and adds each row’s rate', () => {
    const columns = investments.columns.filter((c) => ['id', 'amount_usd'].includes(c.id));
    const shown = csvColumnsIn(columns, CNY);
    expect(shown?.columns.map((c) => c.id)).toEqual(['id', 'amount_usd (CNY)', 'fx_rate (CNY per USD)']);
    expect(shown?.row({ id: 'a', amount_usd: 5_000_000, [FX_YEAR_KEY]: '2022' })).toMatchObject({ 'amount_usd (CNY)': 33_645_000, 'fx_rate (CNY per USD)': 6.729 });
    expect(shown?.row({ id: 'c', amount_usd: 1, [FX_YEAR_KEY]: '2019' })).toMatchObject({ 'amount_usd (CNY)': null, 'fx_rate (CNY per USD)': null });
    expect(csvColumnsIn(columns, null)).toBeNull();
    expect(csvColumnsIn(columns, { currency: 'USD', rates: [] })).toBeNull();
  });
});

describe('the currency parameter and cookie', () => {
  it('reads a three-letter code in any case; anything else is a 400 naming currency', () => {
    expect(parseCurrencyParam('cny')).toBe('CNY');
    expect(parseCurrencyParam('')).toBeNull();
    expect(parseCurrencyParam(null)).toBeNull();
    for (const bad of ['12', 'CNYY', 'C N', '<b>']) expect(() => parseCurrencyParam(bad)).toThrow(expect.objectContaining({ status: 400, details: { param: 'currency' } }));
    expect(cookieCurrency('eur')).toBe('EUR');
    expect(cookieCurrency('x; evil')).toBeNull();
  });

  it('formats money in the currency shown', () => {
    expect(formatMoney(33_645_000, 'en', 'CNY')).toBe('CN¥33.6M');
    expect(formatMoney(2_500_000_000, 'zh', 'CNY')).toBe('25亿元');
    expect(formatMoney(105_000_000, 'en', 'EUR')).toBe('€105M');
    expect(formatMoney(65_500_000_000, 'zh', 'KRW')).toBe('655亿韩元');
    expect(formatMoney(1_500_000_000_000, 'en', 'KRW')).toBe('₩1.5T');
    expect(formatMoney(5_000_000, 'en')).toBe('US$5M');
    expect(formatMoney(5_000_000, 'zh')).toBe('500万美元');
  });
});
