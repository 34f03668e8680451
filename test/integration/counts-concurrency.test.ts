import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCollection, linkTableOf } from '../../lib/collections';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { keptAndCounted } from '../support/kept-counts';

// Two transactions that write rounds at once and each touch a counter row the other holds (migrations 008 and
// 009) would deadlock on PostgreSQL, which would then abort one of them, say an analyst's import. Writers of
// rounds wait for each other instead (the lock of migration 010). SQLite needs no such lock: it lets one
// writer in at a time, and a second one waits (busy_timeout) or is told the database is busy.

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
});
afterAll(async () => t.cleanup());

/** The participants' link table, named by the registry. */
const PARTICIPANTS = linkTableOf(getCollection('investments'), 'investors').table;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = new Date().toISOString();
type Round = [id: string, company: string, type: string, date: string, confidence: string, instrument: string, investor: string];
const insertRound = async (client: pg.Client, [id, company, type, date, confidence, instrument, investor]: Round) => {
  await client.query(
    `insert into investments (id, company_id, round_type, announced_on, confidence, instrument, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [id, company, type, date, confidence, instrument, now],
  );
  await client.query(`insert into ${PARTICIPANTS} (investment_id, investor_id, is_lead) values ($1, $2, 0)`, [id, investor]);
};

const onPostgres = () => describe('two transactions writing rounds at once', () => {
  it('both commit, one after the other, with counts equal to the rounds', async () => {
    const a = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const b = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await a.connect();
    await b.connect();
    try {
      // No counter row in common between the two first rounds; each second round needs the other's.
      const first: Round = ['cc-a1', 'harvey', 'seed', '2030-01-01', 'verified', 'equity', 'sequoia'];
      const second: Round = ['cc-b1', 'mem', 'grant', '2030-02-02', 'reported', 'grant', 'microsoft'];
      await a.query('begin');
      await b.query('begin');
      await insertRound(a, first);
      const b1 = insertRound(b, second);
      await sleep(150);
      const a2 = insertRound(a, ['cc-a2', ...second.slice(1)] as Round);
      await sleep(150);
      const bDone = b1.then(() => insertRound(b, ['cc-b2', ...first.slice(1)] as Round)).then(() => b.query('commit'));
      const aDone = a2.then(() => a.query('commit'));
      const settled = await Promise.allSettled([aDone, bDone]);
      expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'committed'))).toEqual(['committed', 'committed']);
    } finally {
      await a.end();
      await b.end();
    }
    const { kept, counted } = await keptAndCounted(t.atlas);
    expect(kept).toEqual(counted);
    expect(counted['round_type:grant']).toBe(2);
  });
});

const onSqlite = () => describe('two connections writing rounds at once', () => {
  it('the second cannot write until the first commits, and the counts stay equal to the rounds', async () => {
    const file = process.env.DATABASE_URL ?? '';
    const [a, b] = [new Database(file), new Database(file)];
    try {
      b.pragma('busy_timeout = 0');
      const insert = (db: Database.Database, id: string, company: string, type: string) =>
        db.prepare('insert into investments (id, company_id, round_type, created_at, updated_at) values (?, ?, ?, ?, ?)').run(id, company, type, now, now);
      a.exec('begin immediate');
      insert(a, 'cc-a1', 'harvey', 'seed');
      expect(() => insert(b, 'cc-b1', 'mem', 'grant')).toThrow(/busy|locked/i);
      a.exec('commit');
      insert(b, 'cc-b1', 'mem', 'grant');
    } finally {
      a.close();
      b.close();
    }
    const { kept, counted } = await keptAndCounted(t.atlas);
    expect(kept).toEqual(counted);
    expect(counted['round_type:grant']).toBe(1);
  });
});

// One of the two, so that neither pass reports a skipped test.
if (TEST_DIALECT === 'postgres') onPostgres();
else onSqlite();
