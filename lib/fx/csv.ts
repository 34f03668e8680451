import type { Column } from '../collections/types';
import { displayAmount, isBase, rateFor, type DisplayFx } from './convert';
import { unitsPerUsd } from './rates';

/** Where the export puts each row's year, for the rates (db/export.ts selects it beside the columns). */
export const FX_YEAR_KEY = '__fx_year';

/**
 * A CSV export in another currency: its money columns are headed `amount_usd (CNY)` (so that the file cannot be
 * imported back as US dollars), and a last column `fx_rate (CNY per USD)` gives each row's rate; a row whose year
 * has no rate has empty money cells and an empty rate, never 0. Null for US dollars: the columns stay as they are.
 */
export function csvColumnsIn(columns: readonly Column[], display: DisplayFx | null): { columns: Column[]; row: (raw: Record<string, unknown>) => Record<string, unknown> } | null {
  if (isBase(display) || !display) return null;
  const money = new Set(columns.filter((c) => c.type === 'money').map((c) => c.id));
  if (money.size === 0) return null;
  const currency = display.currency;
  const named = (id: string) => `${id} (${currency})`;
  const rateColumn: Column = { id: `fx_rate (${currency} per USD)`, type: 'number', label: { en: `FX rate (${currency} per US$)`, zh: `汇率(${currency}/美元)` } };
  const out = [...columns.map((c) => (money.has(c.id) ? { ...c, id: named(c.id) } : c)), rateColumn];
  const row = (raw: Record<string, unknown>) => {
    const year = raw[FX_YEAR_KEY] === null || raw[FX_YEAR_KEY] === undefined ? null : Number(raw[FX_YEAR_KEY]);
    const result: Record<string, unknown> = { ...raw };
    for (const id of money) {
      const value = raw[id];
      result[named(id)] = value === null || value === undefined ? null : displayAmount(display, Number(value), year);
    }
    const rate = rateFor(display, year);
    result[rateColumn.id] = rate ? unitsPerUsd(rate) : null;
    return result;
  };
  return { columns: out, row };
}

