// Browser bundles load the catalogs of lib/i18n/index.ts only; lib/i18n/server-catalogs.ts adds the others on the
// server. A browser component asking for a server-only key would show the raw key, so none may: this test reads every
// 'use client' file and the app files it imports, and fails on a literal key (or a `prefix.${…}` key) of those catalogs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SERVER_ONLY = ['analysis', 'boards-page', 'deliveries', 'events', 'fx', 'sources'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** The 'use client' files and the project files they import (followed to the end). */
function browserFiles(): Set<string> {
  const all = [...filesUnder(path.join(ROOT, 'app')), ...filesUnder(path.join(ROOT, 'lib'))];
  const pending = all.filter((f) => /^['"]use client['"]/.test(fs.readFileSync(f, 'utf8')));
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop() as string;
    if (seen.has(file) || file.includes(`${path.sep}i18n${path.sep}`)) continue;
    seen.add(file);
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/from '((?:\.{1,2}|@)\/[^']+)'/g)) {
      const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(file), spec);
      const found = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f));
      if (found) pending.push(found);
    }
  }
  return seen;
}

describe('server-only catalogs', () => {
  it('no browser code asks for one of their keys', () => {
    const keys = SERVER_ONLY.flatMap((name) => [...fs.readFileSync(path.join(ROOT, 'lib/i18n/catalogs', `${name}.ts`), 'utf8').matchAll(/^ {2}'([^']+)':/gm)].map((m) => m[1]));
    expect(keys.length).toBeGreaterThan(100);
    const files = browserFiles();
    expect(files.size).toBeGreaterThan(20);
    const misuse: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const prefixes = [...text.matchAll(/`([a-z]+\.[a-zA-Z.-]*)\$\{/g)].map((m) => m[1]);
      for (const key of new Set(keys)) {
        if (text.includes(`'${key}'`) || prefixes.some((p) => key.startsWith(p))) misuse.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    expect(misuse).toEqual([]);
  });
});
