// lib/ has no import cycles. The registry (lib/collections) imports the schemas of its JSON columns
// (lib/hypotheses, lib/scenarios), which parse concentration queries (lib/concentration, lib/query): an import
// from any of those back into lib/collections/index.ts would make a cycle, and in the bundled browser code a
// cycle is a "Cannot access … before initialization" error on whichever page loads it first.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = path.resolve(__dirname, '../../lib');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

/** Value imports (not `import type`, not type-only re-exports) of each file in lib/. */
function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files(LIB)) {
    const source = fs.readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)) {
      if (m[1]) continue;
      const target = resolve(file, m[2]);
      if (target) targets.push(target);
    }
    edges.set(file, targets);
  }
  return edges;
}

describe('lib/ import graph', () => {
  it('has no cycles', () => {
    const edges = graph();
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].map((f) => path.relative(LIB, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) visit(next, [...stack, file]);
      state.set(file, 'done');
    };
    for (const file of edges.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
