// Free-text columns marked `labelledValues` show their common values translated: every value the seed data
// uses has a label in both languages, so the Chinese UI shows no English slug for them.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../lib/collections';
import { valueLabel } from '../../lib/i18n/values';

const DATA = path.resolve(__dirname, '../../data');

describe('labelled values', () => {
  for (const collection of COLLECTIONS) {
    const columns = collection.columns.filter((c) => c.labelledValues);
    if (!columns.length) continue;
    it(`${collection.id}: every seed value of ${columns.map((c) => c.id).join(', ')} has an English and a Chinese label`, () => {
      const file = path.join(DATA, `${collection.id}.csv`);
      const rows = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
      const values = new Set(rows.flatMap((row) => columns.map((c) => row[c.id]).filter(Boolean)));
      expect(values.size).toBeGreaterThan(0);
      const unlabelled = [...values].filter((v) => valueLabel(v, 'zh') === v || valueLabel(v, 'en') === v);
      expect(unlabelled).toEqual([]);
    });
  }

  it('a value without a label shows as stored', () => {
    expect(valueLabel('robotics-for-bees', 'zh')).toBe('robotics-for-bees');
    expect(valueLabel('developer-tools', 'zh')).toBe('开发者工具');
  });
});
