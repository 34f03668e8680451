// The read pool (db/read-pool.ts): on SQLite a board's tiles load on read-only connections in worker threads. They
// must answer exactly what the main connection answers, see every committed write at once, surface a failing
// statement as that tile's error, refuse writes, and stop with the database. PostgreSQL has no pool (its own
// connection pool runs the tiles side by side).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as data from '../../app/api/v1/[collection]/[id]/data/route';
import { closeAtlas, forConcurrentReads, getAtlas, type Atlas } from '../../db/connection';
import { concentrationReport, concentrationSeriesReport } from '../../db/concentration';
import { fundingByQuarterAndLayer } from '../../db/dashboard';
import { ReadPool } from '../../db/read-pool';
import { listRows } from '../../db/rows';
import { getCollection } from '../../lib/collections';
import { parseConcentrationQuery } from '../../lib/concentration';
import { parseQuery } from '../../lib/query/parse';
import { readEnv } from '../../lib/env';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';
import { loadMarket } from '../support/hypotheses';

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  await loadMarket();
});
afterAll(async () => t.cleanup());

const B = { collection: 'boards' };
const createBoard = (body: unknown) => call(list.POST, '/api/v1/boards', B, { method: 'POST', body });
const boardData = (id: string, query = '') => call(data.GET, `/api/v1/boards/${id}/data${query}`, { ...B, id });

const TILES = [
  { id: 'rounds', kind: 'table', path: '/investments?sort=amount_usd&order=desc', rows: 5, x: 0, y: 0, w: 6, h: 4 },
  { id: 'builders', kind: 'table', path: '/companies?kind=builder&sort=name', x: 6, y: 0, w: 6, h: 4 },
  { id: 'hhi', kind: 'metric', path: '/concentration?basis=funding&layer=foundation&from=2022&to=2023', metric: 'hhi', x: 0, y: 4, w: 3, h: 2 },
  { id: 'lorenz', kind: 'chart', path: '/concentration?basis=funding', chart: 'lorenz', x: 3, y: 4, w: 3, h: 4 },
  { id: 'series', kind: 'chart', path: '/concentration?basis=funding&interval=year', chart: 'hhi-series', x: 6, y: 4, w: 3, h: 4 },
  { id: 'layers', kind: 'chart', path: '/', chart: 'funding-by-layer', x: 9, y: 4, w: 3, h: 4 },
];

describe.runIf(TEST_DIALECT === 'sqlite')('the read pool on SQLite', () => {
  let atlas: Atlas;
  let reads: Atlas;
  beforeAll(async () => {
    atlas = await getAtlas();
    reads = forConcurrentReads(atlas);
  });

  it('is there for a SQLite file, with threads started only when a read needs one', () => {
    expect(atlas.reads).toBeDefined();
    expect(reads.db).not.toBe(atlas.db);
    expect(atlas.reads?.pool.size).toBeGreaterThanOrEqual(2);
  });

  it('answers the same rows as the main connection', async () => {
    const rounds = parseQuery(getCollection('investments'), new URLSearchParams('sort=amount_usd&order=desc&pageSize=100'));
    const backed = parseQuery(getCollection('investments'), new URLSearchParams('investor=openai-startup-fund&sort=announced_on'));
    const companies = parseQuery(getCollection('companies'), new URLSearchParams('layer=foundation&sort=name'));
    const market = parseConcentrationQuery(new URLSearchParams('basis=funding&layer=foundation'));
    const series = parseConcentrationQuery(new URLSearchParams('basis=funding&interval=year'));
    const byInvestor = parseConcentrationQuery(new URLSearchParams('by=investor'));
    const readers = [
      (a: Atlas) => listRows(a, rounds),
      (a: Atlas) => listRows(a, backed),
      (a: Atlas) => listRows(a, companies),
      (a: Atlas) => concentrationReport(a, market),
      (a: Atlas) => concentrationReport(a, byInvestor),
      (a: Atlas) => concentrationSeriesReport(a, series),
      (a: Atlas) => fundingByQuarterAndLayer(a),
      (a: Atlas) => a.db.selectFrom('investments').selectAll().orderBy('id').execute(),
      // Rows travel by column (db/read-worker.mjs): none at all, and nulls, strings and numbers side by side.
      (a: Atlas) => a.db.selectFrom('investments').selectAll().where('id', '=', 'no-such-round').execute(),
    ];
    for (const read of readers) {
      const [main, pooled] = await Promise.all([read(atlas), read(reads)]);
      expect(pooled).toEqual(main);
    }
    const all = await atlas.db.selectFrom('investments').select('id').execute();
    expect(all.length).toBeGreaterThan(5);
  });

  it('loads a board on several threads, with the same tiles as on the main connection', async () => {
    const made = await createBoard({ title: 'Pool', tiles: TILES });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const pooled = await boardData(made.body.id, '?from=2019');
    expect(pooled.status, JSON.stringify(pooled.body)).toBe(200);
    expect(atlas.reads?.pool.threadCount).toBeGreaterThan(1);
    expect(pooled.body.tiles.filter((tile: { error?: unknown }) => tile.error)).toEqual([]);

    const { loadBoard } = await import('../../app/_views/board');
    const onMain = await loadBoard({ db: atlas.db, dialect: atlas.dialect }, made.body.id, new URLSearchParams('from=2019'));
    expect(pooled.body.tiles).toEqual(JSON.parse(JSON.stringify(onMain.tiles)));
  });

  it('sees a write the main connection committed at once', async () => {
    const before = await reads.db.selectFrom('companies').select('id').where('id', '=', 'pool-new').execute();
    expect(before).toEqual([]);
    const reply = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: { id: 'pool-new', name: 'Pool New', kind: 'builder', country: 'FR' } });
    expect(reply.status).toBe(201);
    expect(await reads.db.selectFrom('companies').select('name').where('id', '=', 'pool-new').execute()).toEqual([{ name: 'Pool New' }]);
  });

  it("surfaces a statement that fails on a thread as SQLite's error, and as that tile's error only", async () => {
    await expect(sql`select * from no_such_table`.execute(reads.db)).rejects.toMatchObject({ message: 'no such table: no_such_table', code: 'SQLITE_ERROR' });

    const made = await createBoard({
      title: 'One broken tile',
      tiles: [
        { id: 'rounds', kind: 'table', path: '/investments?sort=amount_usd&order=desc', x: 0, y: 0, w: 6, h: 4 },
        { id: 'yuan', kind: 'metric', path: '/concentration?basis=funding&currency=CNY', metric: 'hhi', x: 6, y: 0, w: 6, h: 4 },
      ],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // The rates' table gone: the yuan tile's first statement fails on its thread; the table tile reads on.
    await sql`alter table fx_rates rename to fx_rates_away`.execute(atlas.db);
    try {
      const reply = await boardData(made.body.id);
      expect(reply.status).toBe(200);
      const [rounds, yuan] = reply.body.tiles;
      expect(rounds.error).toBeUndefined();
      expect(rounds.data.rows.length).toBeGreaterThan(0);
      expect(yuan.data).toBeUndefined();
      expect(yuan.error).toEqual({ code: 'internal', message: 'this tile could not be loaded' });
    } finally {
      await sql`alter table fx_rates_away rename to fx_rates`.execute(atlas.db);
    }
  });

  it('refuses writes and transactions: they belong on the main connection', async () => {
    await expect(sql`delete from companies where id = 'pool-new'`.execute(reads.db)).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await expect(reads.db.transaction().execute(async () => undefined)).rejects.toThrow(/transactions belong on the main connection/);
    expect(await atlas.db.selectFrom('companies').select('id').where('id', '=', 'pool-new').execute()).toHaveLength(1);
  });

  it('fails the statement of a thread that cannot open its file, and starts another for the next one', async () => {
    const pool = new ReadPool('/nonexistent/dir/atlas.db', { size: 2 });
    try {
      await expect(pool.query('select 1', [])).rejects.toThrow(/directory does not exist|unable to open/);
      expect(pool.threadCount).toBe(0);
      await expect(pool.query('select 1', [])).rejects.toThrow();
    } finally {
      await pool.close();
    }
  });

  it('hands out the statement expected to run longest first: as it took before, one not seen yet counting as longest', async () => {
    const pool = new ReadPool(process.env.DATABASE_URL as string, { size: 1 });
    const long = 'with recursive r(i) as (select 1 union all select i + 1 from r where i < 300000) select count(*) as n from r';
    const short = 'select 1 as n';
    const unseen = 'select 2 as n';
    try {
      await pool.query(long, []);
      await pool.query(short, []);
      const order: string[] = [];
      const run = (name: string, text: string) => pool.query(text, []).then(() => order.push(name));
      // The first takes the one thread; the rest queue in this order and start longest first.
      await Promise.all([run('first', short), run('short', short), run('long', long), run('unseen', unseen)]);
      expect(order).toEqual(['first', 'unseen', 'long', 'short']);
    } finally {
      await pool.close();
    }
  });

  it('stops its threads with the database (closeAtlas, as npm start calls on SIGTERM), and answers no more', async () => {
    await forConcurrentReads(await getAtlas()).db.selectFrom('companies').select('id').execute();
    const pool = atlas.reads?.pool;
    expect(pool?.threadCount).toBeGreaterThan(0);
    await closeAtlas();
    expect(pool?.isClosed).toBe(true);
    expect(pool?.threadCount).toBe(0);
    await expect(reads.db.selectFrom('companies').select('id').execute()).rejects.toThrow(/read pool is closed/);
    // The next use opens the database (and a new pool) again.
    const again = await getAtlas();
    expect(again.reads?.pool).not.toBe(pool);
    expect(await forConcurrentReads(again).db.selectFrom('companies').select('id').where('id', '=', 'openai').execute()).toEqual([{ id: 'openai' }]);
  });
});

describe('the read pool setting', () => {
  it('ATLAS_READ_WORKERS is a whole number from 0 to 64; 0 loads tiles on the main connection', async () => {
    expect(readEnv({ ATLAS_READ_WORKERS: '3' }).ATLAS_READ_WORKERS).toBe(3);
    expect(readEnv({}).ATLAS_READ_WORKERS).toBeUndefined();
    for (const bad of ['-1', '2.5', 'many', '65']) expect(() => readEnv({ ATLAS_READ_WORKERS: bad })).toThrow(/ATLAS_READ_WORKERS/);
    await closeAtlas();
    process.env.ATLAS_READ_WORKERS = '0';
    try {
      const atlas = await getAtlas();
      expect(atlas.reads).toBeUndefined();
      expect(forConcurrentReads(atlas)).toBe(atlas);
    } finally {
      delete process.env.ATLAS_READ_WORKERS;
      await closeAtlas();
    }
  });

  it.runIf(TEST_DIALECT === 'postgres')('PostgreSQL has none: its connection pool runs the tiles side by side', async () => {
    const atlas = await getAtlas();
    expect(atlas.reads).toBeUndefined();
    expect(forConcurrentReads(atlas)).toBe(atlas);
  });
});
