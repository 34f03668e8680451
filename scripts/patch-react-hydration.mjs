// postinstall: mends a React bug in the copies of react-dom that Next.js 15.5 bundles (docs/decisions/033).
// When a host element's children suspend during hydration and the data arrives within the same slice, React
// replays the element and claims a DOM node a second time: the cursor already stands on the element's first
// child, so hydration fails with error #418 on identical markup (more often on a busy machine). React fixed it
// upstream in January 2026 (replaying a HostComponent puts the cursor back); Next.js 15.5.29 bundles a React
// canary of August 2025. This puts the cursor back on the element before the replay claims it again.
//
// Idempotent; exits 1 when a bundle has neither the known unpatched shape nor the mend, so that an upgrade
// of Next.js is checked rather than silently left unmended.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* atlas: rewind the hydration cursor on replay */';
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'next', 'dist', 'compiled');
// The HostComponent branch of the replay of a suspended fiber; the fiber is `next` (production builds) or
// `unitOfWork` (development builds).
const BRANCH = /(\n\s*case 5:\n(\s*)resetHooksOnUnwind\((next|unitOfWork)\);)/;

function bundles() {
  if (!fs.existsSync(ROOT)) return [];
  return fs
    .readdirSync(ROOT)
    .filter((dir) => dir === 'react-dom' || dir.startsWith('react-dom-'))
    .flatMap((dir) => {
      const cjs = path.join(ROOT, dir, 'cjs');
      if (!fs.existsSync(cjs)) return [];
      return fs.readdirSync(cjs).filter((file) => /^react-dom-(client|profiling)\.[a-z]+\.js$/.test(file)).map((file) => path.join(cjs, file));
    });
}

let failed = false;
const files = bundles();
if (files.length === 0) {
  console.error('patch-react-hydration: no react-dom client bundle under node_modules/next/dist/compiled (is next installed?)');
  process.exit(1);
}
for (const file of files) {
  const name = path.relative(ROOT, file);
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes(MARK)) continue;
  const start = source.indexOf('function replaySuspendedUnitOfWork');
  const from = source.includes('function replayBeginWork') ? source.indexOf('function replayBeginWork') : start;
  if (from < 0) {
    console.error(`patch-react-hydration: ${name} has no replaySuspendedUnitOfWork: check whether this React has the fix and update the script`);
    failed = true;
    continue;
  }
  const region = source.slice(from, from + 3000);
  const match = BRANCH.exec(region);
  if (!match) {
    console.error(`patch-react-hydration: ${name}: the replay's HostComponent branch has changed: check whether this React has the fix and update the script`);
    failed = true;
    continue;
  }
  const [whole, , indent, fiber] = match;
  const mend = `\n${indent}${MARK}\n${indent}isHydrating && ${fiber} === hydrationParentFiber && (popToNextHostParent(${fiber}), (nextHydratableInstance = ${fiber}.stateNode));`;
  const patched = source.slice(0, from) + region.replace(whole, whole + mend) + source.slice(from + region.length);
  fs.writeFileSync(file, patched);
  console.log(`patch-react-hydration: mended ${name}`);
}
process.exit(failed ? 1 : 0);
