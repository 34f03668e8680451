import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Decision 033: `npm ci` runs scripts/patch-react-hydration.mjs, which mends the hydration replay of the
// react-dom client that Next.js bundles. Without it, browser tests fail now and then with React error #418.
const CLIENT = path.resolve(__dirname, '../../node_modules/next/dist/compiled/react-dom/cjs/react-dom-client.production.js');

describe('the bundled react-dom client', () => {
  it('rewinds the hydration cursor when it replays a host element', () => {
    const source = fs.readFileSync(CLIENT, 'utf8');
    const replay = source.slice(source.indexOf('function replaySuspendedUnitOfWork'));
    const branch = replay.slice(replay.indexOf('case 5:'), replay.indexOf('default:'));
    expect(branch).toContain('atlas: rewind the hydration cursor on replay');
    expect(branch).toMatch(/isHydrating && next === hydrationParentFiber && \(popToNextHostParent\(next\), \(nextHydratableInstance = next\.stateNode\)\)/);
  });
});
