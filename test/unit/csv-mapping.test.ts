import { describe, expect, it } from 'vitest';
import { getCollection } from '../../lib/collections';
import { FingerprintMap } from '../../lib/csv/fingerprints';
import { headerKey, planHeader, suggestColumn } from '../../lib/csv/mapping';
import { parseHeaderMap, parseImportOptions } from '../../lib/csv/params';
import { canonicalJson, participantsAfter, sameValue } from '../../lib/csv/compare';

const investments = getCollection('investments');
const companies = getCollection('companies');
const ids = (plan: ReturnType<typeof planHeader>) => plan.targets.map((t) => t?.id ?? null);

describe('header mapping', () => {
  it('matches ids, English labels and Chinese labels (full-width or not)', () => {
    expect(suggestColumn(investments, 'amount_usd')?.id).toBe('amount_usd');
    expect(suggestColumn(investments, ' Amount (USD) ')?.id).toBe('amount_usd');
    expect(suggestColumn(investments, '金额(美元)')?.id).toBe('amount_usd');
    expect(suggestColumn(investments, '金额（美元）')?.id).toBe('amount_usd');
    expect(suggestColumn(investments, '领投方')?.id).toBe('lead_investors');
    expect(suggestColumn(investments, 'Deal size')).toBeUndefined();
    expect(headerKey('\uFEFFID')).toBe('id');
  });

  it('ignores read-only columns and reports unknown headers and clashes', () => {
    const plan = planHeader(companies, ['id', 'Name', 'region', 'created_at', 'Colour', '名称']);
    expect(ids(plan)).toEqual(['id', 'name', null, null, null, 'name']);
    expect(plan.unknown).toEqual(['Colour']);
    expect(plan.conflicts).toEqual([{ column: 'name', headers: ['Name', '名称'] }]);
  });

  it('follows an explicit map: a column id, or null to ignore', () => {
    const plan = planHeader(companies, ['Firm', 'Colour', 'id'], { Firm: 'name', Colour: null });
    expect(ids(plan)).toEqual(['name', null, 'id']);
    expect(plan.unknown).toEqual([]);
    expect(planHeader(companies, ['Firm'], { Firm: 'nope' }).badTargets).toEqual([{ header: 'Firm', column: 'nope' }]);
  });
});

describe('import parameters', () => {
  it('has defaults and checks every value', () => {
    expect(parseImportOptions(new URLSearchParams())).toMatchObject({ mode: 'upsert', dryRun: false, onError: 'abort', createMissing: false, map: null, delimiter: null });
    expect(parseImportOptions(new URLSearchParams('mode=insert&dryRun=1&onError=skip&createMissing=true&delimiter=tab'))).toMatchObject({
      mode: 'insert', dryRun: true, onError: 'skip', createMissing: true, delimiter: '\t',
    });
    for (const bad of ['mode=merge', 'dryRun=yes', 'onError=ignore', 'delimiter=pipe', 'colour=red', 'map=[1]', 'map={"a":1}', 'map=nope']) {
      expect(() => parseImportOptions(new URLSearchParams(bad)), bad).toThrow(expect.objectContaining({ status: 400 }));
    }
    expect(parseHeaderMap('{"Firm":"name","x":null}')).toEqual({ Firm: 'name', x: null });
  });
});

describe('comparison', () => {
  const column = (id: string) => investments.columns.find((c) => c.id === id)!;

  it('compares numbers as numbers, lists as sets, JSON by content', () => {
    expect(sameValue(column('amount_usd'), 5, 5)).toBe(true);
    expect(sameValue(column('investors'), ['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue(column('investors'), ['a'], ['a', 'b'])).toBe(false);
    expect(sameValue(column('notes'), null, undefined)).toBe(true);
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(canonicalJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  });

  it('keeps the participant list a file lacks, like an API update, and leads are always participants', () => {
    const stored = { lead_investors: ['a'], investors: ['a', 'b'] };
    expect(participantsAfter(stored, {})).toEqual({ lead_investors: ['a'], investors: ['a', 'b'] });
    expect(participantsAfter(stored, { lead_investors: ['c'] })).toEqual({ lead_investors: ['c'], investors: ['c', 'a', 'b'] });
    expect(participantsAfter(stored, { investors: ['b'] })).toEqual({ lead_investors: [], investors: ['b'] });
    expect(participantsAfter(stored, { investors: ['b', 'a'] })).toEqual({ lead_investors: ['a'], investors: ['a', 'b'] });
    expect(participantsAfter(null, { lead_investors: [], investors: ['x'] })).toEqual({ lead_investors: [], investors: ['x'] });
  });
});

describe('FingerprintMap', () => {
  it('remembers a million ids in a few typed arrays', () => {
    const map = new FingerprintMap();
    for (let i = 0; i < 1_000_000; i++) map.set(`inv-${i}`, i);
    expect(map.size).toBe(1_000_000);
    expect(map.get('inv-0')).toBe(0);
    expect(map.get('inv-999999')).toBe(999_999);
    expect(map.get('inv-1000000')).toBeUndefined();
    map.set('inv-5', 42);
    expect(map.get('inv-5')).toBe(42);
    expect(map.size).toBe(1_000_000);
  });
});
