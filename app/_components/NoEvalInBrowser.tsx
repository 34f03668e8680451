'use client';

import { config } from 'zod/v4/core';

// Zod probes for `new Function` on its first parse to speed up object schemas; under the pages'
// Content-Security-Policy (no 'unsafe-eval') the probe is refused and reported as a violation. In the browser
// zod runs without that probe. Rendered once by the root layout, so this runs before any page parses.
config({ jitless: true });

export function NoEvalInBrowser() {
  return null;
}
