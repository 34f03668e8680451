import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Browser tests: Debian's Chromium through playwright-core against a production build served by
// `next start` (see test/e2e/global-setup.ts). Run by `npm test` after the build, or alone with
// `npm run test:e2e` once a build exists (ATLAS_DIST_DIR or .next).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
