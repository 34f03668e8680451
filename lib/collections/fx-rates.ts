import type { Collection } from './types';
import { FX_QUOTES } from '../fx/rates';
import { idColumn, sourceColumns, timestampColumns } from './shared-columns';

/**
 * Yearly average exchange rates against the US dollar (data/fx-rates.csv: the Federal Reserve's G.5A annual
 * releases), as their source prints them: `rate` read as `quote` says. A round reported only in another currency
 * gets its US-dollar amount at its year's rate, and `currency=` shows money in any currency listed here
 * (lib/fx, docs/decisions/027). One row per currency and year: its id is both (`cny-2023`).
 */
export const fxRates: Collection = {
  id: 'fx-rates',
  table: 'fx_rates',
  label: { en: 'Exchange rates', zh: '汇率' },
  singular: { en: 'Exchange rate', zh: '汇率' },
  titleColumn: 'currency_code',
  defaultSort: { column: 'year', order: 'desc' },
  timeColumn: 'year',
  columns: [
    idColumn,
    // Not `currency`: that parameter shows money in a currency (`currency=CNY`), so a column of that name could not be filtered.
    { id: 'currency_code', type: 'text', label: { en: 'Currency', zh: '币种' }, required: true, filter: 'facet', sortable: true, search: true, maxLength: 3, listed: true },
    { id: 'year', type: 'integer', label: { en: 'Year', zh: '年份' }, required: true, filter: 'facet', sortable: true, min: 1990, max: 2100, listed: true },
    { id: 'rate', type: 'number', label: { en: 'Yearly average rate', zh: '年平均汇率' }, required: true, filter: 'range', sortable: true, min: 0, decimals: 4, listed: true },
    { id: 'quote', type: 'enum', values: FX_QUOTES, label: { en: 'Quoted as', zh: '标价方式' }, required: true, filter: 'facet', sortable: true, listed: true },
    { id: 'notes', type: 'longtext', label: { en: 'Notes', zh: '备注' }, search: true, filter: 'text', maxLength: 2000 },
    ...sourceColumns.map((c) => (c.id === 'source_url' ? { ...c, listed: true } : c)),
    ...timestampColumns,
  ],
  validate: (row) => {
    const issues = [];
    const currency = typeof row.currency_code === 'string' ? row.currency_code : '';
    if (currency === 'USD') issues.push({ path: 'currency_code', message: 'US dollars need no rate' });
    if (typeof row.rate === 'number' && row.rate <= 0) issues.push({ path: 'rate', message: 'must be above 0' });
    const wanted = `${currency.toLowerCase()}-${String(row.year ?? '')}`;
    if (currency && row.year !== undefined && row.year !== null && row.id !== wanted) {
      issues.push({ path: 'id', message: `must be "${wanted}" (currency and year)` });
    }
    return issues;
  },
};
