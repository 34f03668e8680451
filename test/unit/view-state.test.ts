import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, getCollection } from '../../lib/collections';
import type { Collection, Column } from '../../lib/collections/types';
import { GUIDELINES, type Guidelines } from '../../lib/concentration/bands';
import { BASES, BY, INTERVALS, type ConcentrationQuery } from '../../lib/concentration/params';
import { SHARE_BASES } from '../../lib/collections/market-shares';
import { ROUND_TYPES } from '../../lib/collections/investments';
import { EVENT_KINDS } from '../../lib/collections/events';
import { ApiError } from '../../lib/errors';
import type { ColumnFilter, FilterOp, QuerySpec } from '../../lib/query/spec';
import { MAX_MAP_TOP, MAX_MIN_SHARED, MAX_PAIR_LIMIT, type MarketMapQuery } from '../../lib/analysis/params';
import { LAYERS, REGIONS } from '../../lib/collections/companies';
import {
  concentrationView,
  marketMapView,
  networkView,
  NETWORK_SORTS,
  tableView,
  withNextSort,
  withoutFilters,
  withToggledValue,
  type ConcentrationViewState,
  type NetworkViewState,
  type TableViewState,
} from '../../lib/query/view-state';

// Property tests of the view-state codec: every state survives a trip through its URL, and every URL that
// parses comes back from one trip in a form that another trip leaves as it is.

const RANGE = new Set(['integer', 'money', 'number', 'date', 'timestamp']);
const TEXT = new Set(['id', 'text', 'longtext', 'url', 'ref']);

const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const isoTimestamp = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const trimmedText = (max: number) => fc.string({ minLength: 1, maxLength: max }).map((s) => s.trim()).filter((s) => s.length > 0);
const companyId = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);

function valueOf(column: Column): fc.Arbitrary<string | number> {
  switch (column.type) {
    case 'integer':
    case 'money':
      return fc.integer({ min: -1e12, max: 1e12 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
    case 'date':
      return isoDate;
    case 'timestamp':
      return isoTimestamp;
    case 'enum':
      return fc.constantFrom(...(column.values ?? ['']));
    case 'flag':
      return fc.constantFrom(0, 1);
    default:
      return fc.string({ maxLength: 40 });
  }
}

function opsOf(column: Column): FilterOp[] {
  if (column.virtual || column.type === 'json') return [];
  return ['eq', 'isnull', ...(RANGE.has(column.type) ? (['gte', 'lte'] as const) : []), ...(TEXT.has(column.type) ? (['contains'] as const) : [])];
}

function filterOf(column: Column, op: FilterOp): fc.Arbitrary<ColumnFilter> {
  if (op === 'isnull') return fc.boolean().map((b) => ({ column, op, values: [b] }));
  if (op === 'contains') return fc.string({ maxLength: 40 }).map((s) => ({ column, op, values: [s] }));
  if (op === 'eq') return fc.array(valueOf(column), { minLength: 1, maxLength: 3 }).map((values) => ({ column, op, values }));
  return valueOf(column).map((v) => ({ column, op, values: [v] }));
}

/** A valid list query: each (column, operator) once; relation filters grouped by parameter, as a URL groups them. */
function specOf(collection: Collection, options: { listOnly: boolean }): fc.Arbitrary<QuerySpec> {
  const pairs = collection.columns.flatMap((column) => opsOf(column).map((op) => ({ column, op })));
  const filters: fc.Arbitrary<ColumnFilter[]> = fc
    .uniqueArray(fc.constantFrom(...pairs), { maxLength: 4, selector: (p) => `${p.column.id}__${p.op}` })
    .chain((chosen) => fc.tuple(...chosen.map((p) => filterOf(p.column, p.op))));
  const relations = (collection.relationFilters ?? []).map((filter) => fc.array(companyId, { maxLength: 2 }).map((ids) => ids.map((id) => ({ filter, id }))));
  const sortable = collection.columns.filter((c) => c.sortable);
  const sort = options.listOnly
    ? fc.record({ column: fc.constantFrom(...sortable), order: fc.constantFrom('asc' as const, 'desc' as const) })
    : fc.constant({ column: collection.columns.find((c) => c.id === collection.defaultSort.column)!, order: collection.defaultSort.order });
  return fc.record({
    collection: fc.constant(collection),
    q: fc.option(trimmedText(60), { nil: null }),
    sort,
    page: options.listOnly ? fc.integer({ min: 1, max: 1_000_000 }) : fc.constant(1),
    pageSize: options.listOnly ? fc.integer({ min: 1, max: 1000 }) : fc.constant(50),
    filters,
    relations: fc.tuple(...relations, fc.constant([])).map((groups) => groups.flat()),
    // `currency=` shows the money in another currency: part of the view's state on every list.
    currency: fc.constantFrom(null, 'USD', 'CNY', 'EUR'),
  });
}

const tableState: fc.Arbitrary<TableViewState> = fc.constantFrom(...COLLECTIONS).chain((collection) =>
  fc.record({
    spec: specOf(collection, { listOnly: true }),
    columns: fc.option(fc.shuffledSubarray(collection.columns.filter((c) => c.type !== 'json').map((c) => c.id), { minLength: 1 }), { nil: null }),
  }),
);

const concentrationState: fc.Arbitrary<ConcentrationViewState> = fc
  .record({
    basis: fc.constantFrom(...BASES),
    by: fc.constantFrom(...BY),
    dates: fc.tuple(fc.option(isoDate, { nil: null }), fc.option(isoDate, { nil: null })),
    share: fc.record({ segment: fc.option(trimmedText(30), { nil: null }), period: fc.option(trimmedText(12), { nil: null }), shareBasis: fc.option(fc.constantFrom(...SHARE_BASES), { nil: null }) }),
    top: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
    guidelines: fc.constantFrom(...(Object.keys(GUIDELINES) as Guidelines[])),
    interval: fc.constantFrom(...INTERVALS),
    roundTypes: fc.uniqueArray(fc.constantFrom(...ROUND_TYPES), { maxLength: 3 }),
    companies: specOf(getCollection('companies'), { listOnly: false }),
    mergeA: fc.option(companyId, { nil: null }),
    mergeB: fc.option(companyId, { nil: null }),
    // Milestones on the series: none, or some kinds (every kind is written as none chosen).
    events: fc.option(fc.subarray([...EVENT_KINDS]).map((kinds) => ({ kinds: kinds.length === EVENT_KINDS.length ? [] : kinds })), { nil: null }),
  })
  .map(({ basis, by, dates, share, mergeA, mergeB, roundTypes, events, ...rest }) => {
    const [from, to] = dates[0] && dates[1] && dates[0] > dates[1] ? [dates[1], dates[0]] : dates;
    const byOk = basis === 'valuation' || basis === 'share' ? 'company' : by;
    const shareOnly = basis === 'share' ? share : { segment: null, period: null, shareBasis: null };
    const query: ConcentrationQuery = { basis, by: byOk, from, to, ...shareOnly, roundTypes: basis === 'share' ? [] : roundTypes, ...rest };
    return { query, mergeA, mergeB, ...(events ? { events } : {}) };
  });

/** The URL's entries in another order, with parameters that only restate a default sometimes added. */
function reshuffled(params: URLSearchParams, defaults: [string, string][]): fc.Arbitrary<URLSearchParams> {
  const entries = [...params];
  return fc.tuple(fc.shuffledSubarray(entries, { minLength: entries.length }), fc.subarray(defaults.filter(([key]) => !params.has(key)))).map(([shuffled, extra]) => new URLSearchParams([...shuffled, ...extra]));
}

/** format(parse(u)), or null when u is not a valid URL of the view (a 400). */
function trip<S>(codec: { parse: (p: URLSearchParams) => S; format: (s: S) => URLSearchParams }, params: URLSearchParams): string | null {
  try {
    return codec.format(codec.parse(params)).toString();
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}

describe('table view codec', () => {
  it('parse(format(s)) is s', () => {
    fc.assert(fc.property(tableState, (state) => {
      expect(tableView.parse(tableView.format(state), state.spec.collection)).toEqual(state);
    }), { numRuns: 400 });
  });

  it('format(parse(u)) is stable: a second trip changes nothing', () => {
    const arbitrary = tableState.chain((state) => {
      const d = state.spec.collection.defaultSort;
      return fc.tuple(fc.constant(state.spec.collection), reshuffled(tableView.format(state), [['page', '1'], ['pageSize', '50'], ['sort', d.column], ['order', d.order], ['columns', ''], ['q', '  ']]));
    });
    fc.assert(
      fc.property(arbitrary, ([collection, url]) => {
        const codec = { parse: (p: URLSearchParams) => tableView.parse(p, collection), format: tableView.format };
        const once = trip(codec, url);
        if (once !== null) expect(trip(codec, new URLSearchParams(once))).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves defaults out of the URL', () => {
    const companies = getCollection('companies');
    expect(tableView.format(tableView.parse(new URLSearchParams('page=1&pageSize=50&sort=name&order=asc&columns=&q=%20'), companies)).toString()).toBe('');
  });

  it('edits: a header cycles ascending, descending, default; filter edits go back to page 1', () => {
    const steps = [new URLSearchParams('page=3&layer=foundation')];
    for (let i = 0; i < 3; i++) steps.push(withNextSort(steps[i], 'name'));
    expect(steps.map(String)).toEqual(['page=3&layer=foundation', 'layer=foundation&sort=name&order=asc', 'layer=foundation&sort=name&order=desc', 'layer=foundation']);
    expect(withToggledValue(new URLSearchParams('layer=a&page=2'), 'layer', 'b').toString()).toBe('layer=a&layer=b');
    expect(withToggledValue(new URLSearchParams('layer=a&layer=b'), 'layer', 'a').toString()).toBe('layer=b');
    expect(withoutFilters(new URLSearchParams('q=x&layer=a&sort=name&order=desc&page=2&pageSize=25&columns=name')).toString()).toBe('sort=name&order=desc&pageSize=25&columns=name');
  });
});

describe('concentration view codec', () => {
  it('parse(format(s)) is s', () => {
    fc.assert(fc.property(concentrationState, (state) => {
      expect(concentrationView.parse(concentrationView.format(state))).toEqual(state);
    }), { numRuns: 300 });
  });

  it('format(parse(u)) is stable: a second trip changes nothing', () => {
    const arbitrary = concentrationState.chain((state) => reshuffled(concentrationView.format(state), [['basis', 'funding'], ['interval', 'year'], ['mergeA', ''], ['from', '2021'], ['to', '2024-02'], ['events', '0'], ['eventKinds', 'model,policy']]));
    fc.assert(
      fc.property(arbitrary, (url) => {
        const once = trip(concentrationView, url);
        if (once !== null) expect(trip(concentrationView, new URLSearchParams(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

const yearWindow = fc.tuple(fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: null }), fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: null })).map(([a, b]) => (a !== null && b !== null && a > b ? { from: b, to: a } : { from: a, to: b }));
const companyWindow = fc.record({ layer: fc.option(fc.constantFrom(...LAYERS), { nil: null }), region: fc.option(fc.constantFrom(...REGIONS), { nil: null }) });

const marketMapState: fc.Arbitrary<MarketMapQuery> = fc
  .record({
    years: yearWindow,
    company: companyWindow,
    country: fc.option(fc.stringMatching(/^[A-Z]{2}$/), { nil: null }),
    investor: fc.option(companyId, { nil: null }),
    top: fc.option(fc.integer({ min: 1, max: MAX_MAP_TOP }), { nil: null }),
  })
  .map(({ years, company, ...rest }) => ({ ...company, ...years, ...rest }));

const networkState: fc.Arbitrary<NetworkViewState> = fc
  .record({
    years: yearWindow,
    company: companyWindow,
    min: fc.option(fc.integer({ min: 1, max: MAX_MIN_SHARED }), { nil: null }),
    investor: fc.option(companyId, { nil: null }),
    limit: fc.option(fc.integer({ min: 1, max: MAX_PAIR_LIMIT }), { nil: null }),
    sort: fc.constantFrom(...NETWORK_SORTS),
    order: fc.constantFrom('asc' as const, 'desc' as const),
  })
  .map(({ years, company, sort, order, ...rest }) => ({ query: { ...company, ...years, ...rest }, sort, order }));

describe('market map view codec', () => {
  it('parse(format(s)) is s', () => {
    fc.assert(fc.property(marketMapState, (state) => {
      expect(marketMapView.parse(marketMapView.format(state))).toEqual(state);
    }), { numRuns: 300 });
  });

  it('format(parse(u)) is stable: a second trip changes nothing', () => {
    const arbitrary = marketMapState.chain((state) => reshuffled(marketMapView.format(state), [['layer', ''], ['region', ''], ['country', 'us'], ['from', ''], ['investor', '']]));
    fc.assert(
      fc.property(arbitrary, (url) => {
        const once = trip(marketMapView, url);
        if (once !== null) expect(trip(marketMapView, new URLSearchParams(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('a GET form with every field empty is the default view', () => {
    expect(marketMapView.format(marketMapView.parse(new URLSearchParams('layer=&region=&country=&from=&to=&investor=&top=')))).toEqual(new URLSearchParams());
  });
});

describe('network view codec', () => {
  it('parse(format(s)) is s', () => {
    fc.assert(fc.property(networkState, (state) => {
      expect(networkView.parse(networkView.format(state))).toEqual(state);
    }), { numRuns: 300 });
  });

  it('format(parse(u)) is stable: a second trip changes nothing', () => {
    const arbitrary = networkState.chain((state) => reshuffled(networkView.format(state), [['sort', 'rounds'], ['order', 'desc'], ['min', ''], ['limit', ''], ['to', '']]));
    fc.assert(
      fc.property(arbitrary, (url) => {
        const once = trip(networkView, url);
        if (once !== null) expect(trip(networkView, new URLSearchParams(once))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('a header of the table of pairs cycles ascending, descending, default', () => {
    const steps = [new URLSearchParams('min=1')];
    for (let i = 0; i < 3; i++) steps.push(withNextSort(steps[i], 'a'));
    expect(steps.map(String)).toEqual(['min=1', 'min=1&sort=a&order=asc', 'min=1&sort=a&order=desc', 'min=1']);
    expect(steps.map((s) => networkView.parse(s)).map((s) => `${s.sort} ${s.order}`)).toEqual(['rounds desc', 'a asc', 'a desc', 'rounds desc']);
  });
});
