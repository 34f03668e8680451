import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import { dynamic } from '../../db/types';
import { COLLECTIONS } from '../../lib/collections';
import type { Collection, Column } from '../../lib/collections/types';
import { getCsv, postCsv } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { COMPANIES, loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

// Round trip: whatever the rows hold — formula prefixes, quotes, line breaks, tabs, right-to-left marks,
// emoji, Chinese — importing an export reports every row unchanged, and exporting again gives the same bytes.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  const hypothesis = { id: 'h-fixture', code: 'HF', title: 'Fixture', status: 'open' };
  expect((await call(list.POST, '/api/v1/hypotheses', { collection: 'hypotheses' }, { method: 'POST', body: hypothesis })).status).toBe(201);
});
afterAll(async () => t.cleanup());

const PIECES = ['=SUM(A1:A9)', '+1', '-2', '@cmd', '\t', '\r', '\n', '\r\n', '"', '""', ',', ';', "'", "''=x", '\u200f', '\u202e', '\u200b', '😀', '👩‍👩‍👧', '中文', '红杉中国', ' ', '  ', 'plain', '<script>alert(1)</script>', '\\'];
const hostileText = (max: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 4 })), { minLength: 1, maxLength: 6 })
    // Cut to the column's length without leaving half of a surrogate pair (tested apart: csv-hostile-text).
    .map((parts) => parts.join('').replace(/\u0000/g, '').slice(0, max).replace(/[\uD800-\uDBFF]$/, ''));
const companyIds = COMPANIES.map((c) => c.id);

const nonNegativeZero = (n: number) => (Object.is(n, -0) ? 0 : n);

function valueArbitrary(column: Column): fc.Arbitrary<unknown> {
  switch (column.type) {
    case 'enum':
      return fc.constantFrom(...(column.values ?? []));
    case 'flag':
      return fc.constantFrom(0, 1);
    case 'integer':
    case 'money':
      return fc.integer({ min: column.min ?? -1e9, max: Math.min(column.max ?? Number.MAX_SAFE_INTEGER, 2 ** 31 - 1) });
    case 'number':
      // An exchange rate is above 0 (fx-rates' rule), any double otherwise within the column's range.
      if (column.id === 'rate') return fc.double({ min: 1e-6, max: 1e6, noNaN: true, noDefaultInfinity: true });
      return fc.double({ min: column.min ?? -1e12, max: column.max ?? 1e12, noNaN: true, noDefaultInfinity: true }).map(nonNegativeZero);
    case 'date':
      return fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'url':
      return fc.constantFrom('https://example.com/a?b=c&d="e"', 'http://例子.测试/路径/😀', 'https://x.org/=1+1', 'https://example.com/a,b;c');
    case 'ref':
      return column.ref === 'hypotheses' ? fc.constant('h-fixture') : fc.constantFrom(...companyIds);
    case 'refs':
      return fc.subarray(companyIds, { maxLength: 3 });
    case 'json':
      if (column.schema) return fc.constantFrom(...(JSON_SAMPLES[column.id] ?? []));
      return fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)));
    default:
      if (column.id === 'country') return fc.constantFrom('US', 'CN', 'HK');
      if (column.id === 'currency') return fc.constantFrom('USD', 'CNY');
      if (column.id === 'currency_code') return fc.constantFrom('CNY', 'EUR', 'KRW');
      return hostileText(column.maxLength ?? 200).map((text) => (column.required && text === '' ? 'x' : text));
  }
}

/** Values for JSON columns that have a schema of their own (hypothesis indicators, scenario assumptions). */
const JSON_SAMPLES: Record<string, unknown[]> = {
  indicator: [
    { basis: 'funding', filters: 'layer=foundation', from: '2022', to: null, metric: 'cr4', threshold: 80, direction: 'above', label: { en: '=1+1 "CR4" <b>', zh: '前四,"集中"' } },
    { basis: 'rounds', filters: null, from: null, to: 2023, metric: 'hhi', threshold: 1800, direction: 'below' },
  ],
  filters: [{ layer: 'foundation', from: '2022', to: '2024' }, { investor: 'openai', country: '=cmd|"/C calc"!A0' }],
  tiles: [
    [],
    [
      { id: 'n1', kind: 'note', title: '<img src=x onerror=alert(1)>', text: '=1+1, "quoted", 中文\r\nline', x: 0, y: 0, w: 6, h: 2 },
      { id: 't1', kind: 'table', path: '/investments?investor=openai&q=%22a%2Cb%22', rows: 5, x: 6, y: 0, w: 6, h: 4 },
    ],
  ],
  assumptions: [{ segment: 'layer=foundation&from=2022', changes: [{ companyId: 'openai', from: 45, to: 55 }, { companyId: 'zhipu-ai', from: null, to: 5 }], rest: 'scaled' }],
};

let serial = 0;

/** A valid new row of the collection (without id): required columns always, the others or null. */
function rowArbitrary(collection: Collection): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const column of collection.columns) {
    if (column.readOnly || column.id === 'id' || column.id === 'parent_id') continue;
    const value = valueArbitrary(column);
    fields[column.id] = column.required || column.type === 'refs' ? value : fc.option(value, { nil: null });
  }
  return fc.record(fields);
}

/** Ids are given when the rows are created, so that a replayed (shrunk) case never meets its own rows. */
function withId(collection: Collection, row: Record<string, unknown>): Record<string, unknown> {
  const id = `rt-${collection.id}-${++serial}`;
  if (collection.id === 'hypotheses') return { ...row, id, code: id };
  // An exchange rate's id is its currency and year (one rate per currency and year).
  if (collection.id === 'fx-rates') {
    const year = 1990 + (serial % 110);
    return { ...row, year, id: `${String(row.currency_code).toLowerCase()}-${year}` };
  }
  // Evidence cites a row or a URL, never both.
  if (collection.id === 'evidence') return { ...row, id, ...(serial % 2 ? { target_collection: 'companies', target_id: 'openai', url: null } : { target_collection: null, target_id: null, url: row.url ?? 'https://example.com/e' }) };
  return { ...row, id };
}

describe('import of an export is a no-op, for every collection', () => {
  // Alert rules are not imported from CSV (each webhook is checked by the API: app/api/_lib/alert-writes.ts).
  for (const collection of COLLECTIONS.filter((c) => c.id !== 'alerts')) {
    it(`${collection.id}: hostile rows survive export → import unchanged`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(rowArbitrary(collection), { minLength: 1, maxLength: 6 }), async (rows) => {
          const ids: string[] = [];
          try {
            for (const row of rows) {
              const body = withId(collection, row);
              const created = await call(list.POST, `/api/v1/${collection.id}`, { collection: collection.id }, { method: 'POST', body });
              expect(created.status, JSON.stringify(created.body)).toBe(201);
              ids.push(String(body.id));
            }
            const exported = await getCsv(collection.id);
            expect(exported.status).toBe(200);
            const total = (await call(list.GET, `/api/v1/${collection.id}?pageSize=1`, { collection: collection.id })).body.total as number;
            const reply = await postCsv(collection.id, new TextEncoder().encode(exported.text));
            expect(reply.body.rejected).toEqual([]);
            expect(reply.body).toMatchObject({ inserted: 0, updated: 0, unchanged: total, batchId: null });
            expect((await getCsv(collection.id)).text).toBe(exported.text);
          } finally {
            // Each case starts from the fixtures alone, so that a shrunk case is judged on its own rows.
            if (ids.length) await dynamic(t.atlas.db).deleteFrom(collection.table).where('id', 'in', ids).execute();
          }
        }),
        { numRuns: 12 },
      );
    });
  }
});
