import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'test/support/server-only.ts') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    // An import answers at once however long it takes (a loaded machine would otherwise turn some into jobs, 202);
    // test/integration/import-jobs.test.ts sets its own values.
    env: { ATLAS_IMPORT_SYNC_MS: '600000' },
    hookTimeout: 60_000,
  },
});
