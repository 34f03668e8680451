// /api/health answers 200 with the last migration, and 503 (not a 500 or a hang) when the database is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as health from '../../app/api/health/route';
import { closeAtlas } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
import { call } from '../support/http';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => t.cleanup());

const GET = () => health.GET();

describe('GET /api/health', () => {
  it('reports the dialect and the last migration applied', async () => {
    const reply = await call(GET, '/api/health', {});
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, db: TEST_DIALECT, migration: Object.keys(migrations).sort().at(-1) });
  });

  it('answers 503 when the database cannot be reached, and recovers when it can', async () => {
    const working = process.env.DATABASE_URL;
    const notADatabase = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-health-')), 'garbage.db');
    fs.writeFileSync(notADatabase, 'this is not an SQLite database, just text long enough to fill a header page'.repeat(100));
    for (const url of ['postgres://postgres@127.0.0.1:1/nowhere', notADatabase]) {
      process.env.DATABASE_URL = url;
      const reply = await call(GET, '/api/health', {});
      expect(reply.status, url).toBe(503);
      expect(reply.body).toMatchObject({ ok: false, db: url.startsWith('postgres') ? 'postgres' : 'sqlite', migration: null, error: { code: 'unavailable' } });
      expect(reply.text).not.toContain('127.0.0.1:1');
      await closeAtlas();
    }
    process.env.DATABASE_URL = working;
    expect((await call(GET, '/api/health', {})).status).toBe(200);
  });
});
