// Every statement on a link table is written by db/relations.ts from the registry's declaration of it
// (lib/collections/types.ts LinkTable). Outside that module, the migrations that created the table and the one
// declaration in the registry, no source names a link table: tests, scripts and benchmarks take the name from
// the registry too. A new many-to-many collection then needs a declaration and a migration, no SQL elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINK_TABLES } from '../../lib/collections';

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['app', 'lib', 'db', 'scripts', 'test', 'bench'];
const ALLOWED = ['db/relations.ts', 'db/migrations/'];

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(m?[jt]sx?|sql)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const sources = SCANNED.flatMap((dir) => files(path.join(ROOT, dir)))
  .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
  .filter((file) => !ALLOWED.some((allowed) => file === allowed || file.startsWith(allowed)));

describe('link tables', () => {
  it('the registry declares at least one (the participants of rounds)', () => {
    expect(LINK_TABLES.length).toBeGreaterThan(0);
  });

  for (const link of LINK_TABLES) {
    it(`${link.table} is named only by db/relations.ts, the migrations and its declaration`, () => {
      const mentions = sources.flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${file}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => line.includes(link.table)),
      );
      const declarations = mentions.filter(({ where, line }) => where.startsWith('lib/collections/') && line === `table: '${link.table}',`);
      expect(declarations, 'declared once in the registry').toHaveLength(1);
      expect(mentions.filter((m) => !declarations.includes(m)).map((m) => m.where)).toEqual([]);
    });
  }
});
