import { describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env';

describe('ATLAS_IMPORT_SYNC_MS', () => {
  it('defaults to 2000 ms, takes 0 (every import a job) to 600000, and stops the app on anything else', () => {
    expect(readEnv({}).ATLAS_IMPORT_SYNC_MS).toBe(2000);
    expect(readEnv({ ATLAS_IMPORT_SYNC_MS: '0' }).ATLAS_IMPORT_SYNC_MS).toBe(0);
    expect(readEnv({ ATLAS_IMPORT_SYNC_MS: '600000' }).ATLAS_IMPORT_SYNC_MS).toBe(600_000);
    for (const bad of ['-1', '1.5', 'soon', '600001', '1e9']) {
      expect(() => readEnv({ ATLAS_IMPORT_SYNC_MS: bad }), bad).toThrow(/invalid environment: ATLAS_IMPORT_SYNC_MS/);
    }
  });
});
