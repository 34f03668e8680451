import { describe, expect, it } from 'vitest';
import { rowTemplate } from '@/lib/row-template';

describe('rowTemplate', () => {
  it('makes independent rows with the keys in order, absent keys left out of JSON until set', () => {
    const newRow = rowTemplate(['id', 'name'], ['amount_usd_fx_missing']);
    const a = newRow();
    const b = newRow();
    a.id = 'r-1';
    a.amount_usd_fx_missing = true;
    expect(Object.keys(b)).toEqual(['id', 'name', 'amount_usd_fx_missing']);
    expect(JSON.stringify(b)).toBe('{"id":null,"name":null}');
    expect(JSON.stringify(a)).toBe('{"id":"r-1","name":null,"amount_usd_fx_missing":true}');
  });

  it('takes keys that JSON or an object literal would treat specially as plain keys', () => {
    const row = rowTemplate(['__proto__', 'constructor', 'toString'])();
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor', 'toString']);
  });
});
