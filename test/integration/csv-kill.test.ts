import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCsv, importHistory, lines, postCsv } from '../support/csv';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { keptAndCounted } from '../support/kept-counts';
import { expectSearchAgrees } from '../support/search-index';

// A process killed in the middle of an import leaves the database as it was before the import, its search
// indexes included.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

const CHILD = path.resolve(__dirname, '../support/import-child.ts');
const CHILD_APP = 'atlas-import-child';
/** The child's database URL; on PostgreSQL its connection carries a name the probe can find. */
const childDatabaseUrl = () => (TEST_DIALECT === 'postgres' ? `${process.env.DATABASE_URL}&application_name=${CHILD_APP}` : String(process.env.DATABASE_URL));

/** Evidence that the child is inside an open write transaction: SQLite's write lock is taken, or PostgreSQL shows it. */
async function openWriteTransactions(): Promise<number> {
  if (TEST_DIALECT === 'sqlite') {
    const probe = new BetterSqlite3(String(process.env.DATABASE_URL), { timeout: 0 });
    try {
      probe.exec('begin immediate');
      probe.exec('rollback');
      return 0;
    } catch {
      return 1;
    } finally {
      probe.close();
    }
  }
  // The child's own connection (named below), whether it is between statements or running one.
  const found = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where application_name = ${CHILD_APP} and xact_start is not null`.execute(t.atlas.db);
  return Number(found.rows[0]?.n ?? 0);
}

/** Start the child import, wait until it has written several batches inside its transaction, kill it. */
function importThenKill(rows: number, whilePaused: () => Promise<void>, collection = 'companies'): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', CHILD, String(rows), collection], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, ATLAS_SEED: 'off', DATABASE_URL: childDatabaseUrl() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('paused') && !child.killed) void whilePaused().finally(() => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, output });
    });
  });
}

describe('an import killed half-way', () => {
  it('leaves the database exactly as before, and the next import works', async () => {
    const before = { companies: (await getCsv('companies')).text, batches: (await importHistory()).length };
    let open = 0;
    const { signal, output } = await importThenKill(20000, async () => {
      open = await openWriteTransactions();
    });
    expect(open, 'the child was inside its write transaction when it was killed').toBeGreaterThan(0);
    expect(output).toContain('paused');
    expect(output).not.toContain('finished');
    expect(signal).toBe('SIGKILL');
    expect({ companies: (await getCsv('companies')).text, batches: (await importHistory()).length }).toEqual(before);
    await expectSearchAgrees(t.atlas, ['ai', 'Killed', 'killed 1', '智谱AI']);
    const next = await postCsv('companies', lines('id,name,kind', 'after-kill,After kill,builder'));
    expect(next.status).toBe(200);
    expect(next.body.inserted).toBe(1);
  });

  it('of rounds leaves the rounds, participants and kept counts as before, and counting works after it', async () => {
    const before = { investments: (await getCsv('investments')).text, counts: await keptAndCounted(t.atlas) };
    let open = 0;
    const { signal } = await importThenKill(20000, async () => {
      open = await openWriteTransactions();
    }, 'investments');
    expect(open).toBeGreaterThan(0);
    expect(signal).toBe('SIGKILL');
    expect({ investments: (await getCsv('investments')).text, counts: await keptAndCounted(t.atlas) }).toEqual(before);
    if (TEST_DIALECT === 'sqlite') expect((await sql`select id from bulk_writes`.execute(t.atlas.db)).rows).toEqual([]);
    await expectSearchAgrees(t.atlas, ['Killed', 'killed 1']);
    const next = await postCsv('investments', lines('id,company_id,round_type,investors', 'after-kill-r,harvey,grant,sequoia'));
    expect(next.status).toBe(200);
    const { kept, counted } = await keptAndCounted(t.atlas);
    expect(kept).toEqual(counted);
  });
});
