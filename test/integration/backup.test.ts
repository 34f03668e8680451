// npm run db:backup / db:restore: a backup taken while rounds are being written restores to a consistent
// database — kept counts equal counting from the rows, and every row is in the state its last change-log
// entry recorded. A database that holds data is replaced only with --force.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import { BackupError, backupDatabase, restoreDatabase } from '../../db/backup';
import { closeAtlas, getAtlas } from '../../db/connection';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';
import { keptAndCounted } from '../support/kept-counts';

let t: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-'));
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Create, edit and delete rounds until told to stop; returns how many writes were made. */
function writeUntil(stop: { now: boolean }): Promise<number> {
  return (async () => {
    let n = 0;
    while (!stop.now) {
      const id = `stream-${n}`;
      const created = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, {
        method: 'POST',
        body: { id, company_id: n % 2 ? 'harvey' : 'mem', round_type: n % 3 ? 'seed' : 'series_a', announced_on: '2023-05-01', amount_usd: 1000 + n, investors: ['sequoia'] },
      });
      expect(created.status).toBe(201);
      if (n % 3 === 1) await call(one.PATCH, `/api/v1/investments/${id}`, { collection: 'investments', id }, { method: 'PATCH', body: { round_type: 'series_b', investors: ['openai-startup-fund'] } });
      if (n % 5 === 4) await call(one.DELETE, `/api/v1/investments/${id}`, { collection: 'investments', id }, { method: 'DELETE' });
      n++;
      // On SQLite a write settles in microtasks alone: yield, so that the backup's own steps get their turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return n;
  })();
}

/** Every row of the change log's last entry per row is in the table as recorded (or absent after a delete). */
async function changeLogMatchesRows(): Promise<string[]> {
  const atlas = await getAtlas();
  const { rows } = await sql<{ row_id: string; action: string; after: string | null }>`
    select c.row_id, c.action, c.after from changes c
    where c.collection = 'investments' and c.id = (select max(id) from changes d where d.collection = c.collection and d.row_id = c.row_id)`.execute(atlas.db);
  const wrong: string[] = [];
  for (const change of rows) {
    const found = await call(one.GET, `/api/v1/investments/${change.row_id}`, { collection: 'investments', id: change.row_id });
    const expected = change.after ? (JSON.parse(change.after) as { round_type?: string }) : null;
    if (!expected && found.status !== 404) wrong.push(`${change.row_id}: deleted in the log, present in the table`);
    if (expected && (found.status !== 200 || found.body.round_type !== expected.round_type)) wrong.push(`${change.row_id}: ${change.action} in the log, ${found.status} ${found.body?.round_type}`);
  }
  return wrong;
}

describe('backup and restore', () => {
  it('a backup taken during a stream of writes restores to a consistent database', async () => {
    const stop = { now: false };
    const writing = writeUntil(stop);
    await new Promise((r) => setTimeout(r, 150));
    const file = path.join(dir, 'during-writes.backup');
    const { bytes } = await backupDatabase(process.env.DATABASE_URL, file);
    stop.now = true;
    const written = await writing;
    expect(bytes).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(3);

    await closeAtlas();
    await expect(restoreDatabase(process.env.DATABASE_URL, file, { force: false })).rejects.toThrow(/holds data.*--force/);
    await restoreDatabase(process.env.DATABASE_URL, file, { force: true });

    const atlas = await getAtlas();
    const streamed = await sql<{ n: number | string }>`select count(*) as n from investments where id like 'stream-%'`.execute(atlas.db);
    expect(Number(streamed.rows[0].n)).toBeLessThanOrEqual(written); // as of one moment during the stream
    const { kept, counted } = await keptAndCounted(atlas);
    expect(kept).toEqual(counted);
    expect(await changeLogMatchesRows()).toEqual([]);
    expect((await call(one.GET, '/api/v1/companies/openai', { collection: 'companies', id: 'openai' })).status).toBe(200);
  });

  it('refuses what it cannot do, with a message', async () => {
    await expect(restoreDatabase(process.env.DATABASE_URL, path.join(dir, 'missing.backup'), { force: true })).rejects.toBeInstanceOf(BackupError);
    if (!process.env.DATABASE_URL?.startsWith('postgres')) {
      const notABackup = path.join(dir, 'text.backup');
      fs.writeFileSync(notABackup, 'not a database '.repeat(400));
      await closeAtlas();
      await expect(restoreDatabase(process.env.DATABASE_URL, notABackup, { force: true })).rejects.toThrow(/not an SQLite database/);
      expect((await call(one.GET, '/api/v1/companies/openai', { collection: 'companies', id: 'openai' })).status).toBe(200);
    }
  });
});
