// Every value the interface shows by its display name has a Chinese one (issue 21: the Chinese hypothesis page
// showed the scope as `market-structure`): each value of every enum column of the registry, and each value
// the seed data holds in a free-text column whose values are shown translated (`labelledValues`).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '@/lib/collections';
import { hasValueLabel, valueLabel } from '@/lib/i18n/values';

const ROOT = path.resolve(__dirname, '../..');

describe('value labels', () => {
  it('every enum value of every registry column has an English and a Chinese label', () => {
    const missing = COLLECTIONS.flatMap((c) =>
      c.columns.filter((col) => col.type === 'enum').flatMap((col) => (col.values ?? []).filter((v) => !hasValueLabel(v, col)).map((v) => `${c.id}.${col.id}: ${v}`)),
    );
    expect(missing).toEqual([]);
    for (const c of COLLECTIONS) for (const col of c.columns) for (const v of col.values ?? []) expect(valueLabel(v, 'zh', col), v).not.toBe(v);
  });

  it('every value of a labelled free-text column in the seed data has a label', () => {
    const missing: string[] = [];
    for (const c of COLLECTIONS) {
      const file = path.join(ROOT, 'data', `${c.id}.csv`);
      if (!fs.existsSync(file)) continue;
      const rows = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
      for (const col of c.columns.filter((column) => column.labelledValues)) {
        for (const value of new Set(rows.map((r) => r[col.id]).filter(Boolean))) if (!hasValueLabel(value)) missing.push(`${c.id}.${col.id}: ${value}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
