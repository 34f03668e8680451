import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import * as one from '../../app/api/v1/[collection]/[id]/route';
import * as history from '../../app/api/v1/[collection]/[id]/history/route';
import * as undo from '../../app/api/v1/changes/[id]/undo/route';
import { countRows, searchShape } from '../../db/rows';
import { dynamic, type Database } from '../../db/types';
import { conditionsOf } from '../../db/where';
import { COMPACT_AFTER_ROWS, ftsTableOf, searchUsesIndex } from '../../db/search';
import { getCollection } from '../../lib/collections';
import { parseQuery } from '../../lib/query/parse';
import { lines, postCsv, undoImport } from '../support/csv';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';
import { expectIndexesIntact, expectPagesAgree, expectSearchAgrees, indexedColumns, registryColumns, scanned, searched, SEARCHABLE, TERMS } from '../support/search-index';

// `q` answered from the search indexes (migration 014: FTS5 trigram tables on SQLite, pg_trgm GIN indexes on
// PostgreSQL) finds exactly the rows a LIKE scan finds, whatever wrote them: create, edit, delete, undo, CSV
// import and its undo. FTS syntax in `q` is text to find, never a query.

let t: TestDatabase;

const post = async (collection: string, body: Record<string, unknown>) => {
  const reply = await call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
};
const patch = async (collection: string, id: string, body: Record<string, unknown>) => {
  const reply = await call(one.PATCH, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'PATCH', body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
};
const remove = async (collection: string, id: string) => {
  expect((await call(one.DELETE, `/api/v1/${collection}/${id}`, { collection, id }, { method: 'DELETE' })).status).toBe(204);
};
const undoLatest = async (collection: string, id: string) => {
  const [latest] = (await call(history.GET, `/api/v1/${collection}/${id}/history`, { collection, id })).body.rows;
  const reply = await call(undo.POST, `/api/v1/changes/${latest.id}/undo`, { id: String(latest.id) }, { method: 'POST' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
};

const SYNTAX_NOTE = `Term sheet: "A" (50%) NEAR-final; round* AND/OR NOT ^x_y it's a\\b`;

beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  await patch('investments', 'harvey-seed', { notes: SYNTAX_NOTE });
  await patch('investments', 'mem-2022', { notes: 'x%y + axb; Ärger über Straße 🙂' });
  await patch('investments', 'zhipu-a', { notes: '智谱清言 A 轮,红杉领投' });
  await patch('companies', 'baidu', { description: 'ERNIE Bot', description_zh: '百度文心一言', hq: 'Beijing' });
  await post('use-cases', { id: 'uc-1', customer_id: 'microsoft', provider_id: 'openai', product: 'GPT-4 "turbo"', description: 'Copilot (50%) NEAR-term', description_zh: '微软副驾驶', outcome: 'x_y' });
  await post('market-shares', { id: 'ms-1', segment: 'LLM API', period: '2023', company_id: 'openai', basis: 'revenue', share_pct: 50, notes: 'AND OR NOT' });
  await post('hypotheses', { id: 'h-1', code: 'H1', title: 'Base layer concentrates', title_zh: '底层集中', status: 'open', statement: 'winner*takes*all', source: '§ 2 (p. 4)' });
  await post('scenarios', { id: 's-1', title: 'Bull: "winner*takes*all"', kind: 'bull', body: 'NEAR(a b)', body_zh: '赢家通吃' });
  await post('evidence', { id: 'e-1', hypothesis_id: 'h-1', stance: 'supports', url: 'https://example.org/a', note: 'x%y', note_zh: '证据:智谱AI' });
});
afterAll(async () => t.cleanup());

describe('the search indexes', () => {
  it('hold exactly the registry\'s search columns of every collection', async () => {
    expect(await indexedColumns(t.atlas)).toEqual(registryColumns());
  });

  it('answer every term as the scan does, in every collection with search columns', async () => {
    expect(SEARCHABLE.map((c) => c.id).sort()).toEqual(['boards', 'companies', 'events', 'evidence', 'fx-rates', 'hypotheses', 'investments', 'market-shares', 'scenarios', 'use-cases']);
    await expectSearchAgrees(t.atlas);
  });

  it('take FTS syntax and LIKE wildcards in q as text', async () => {
    const investments = getCollection('investments');
    const found = async (term: string) => (await searched(investments, term)).ids;
    for (const term of ['"A"', 'sheet: "A"', '(50%)', 'NEAR-final', 'round*', 'AND/OR NOT', '^x_y', "it's", 'a\\b', '"', '*', ':', '-', '(', ')', '^', 'NEAR', 'AND', 'NOT']) {
      expect(await found(term), term).toEqual(['harvey-seed']);
    }
    expect(await found('x%y')).toEqual(['mem-2022']);
    expect(await found('a_b'), '_ is not a wildcard').toEqual([]);
    expect(await found('x_y'), 'nor is % in x%y: only the x_y of harvey-seed').toEqual(['harvey-seed']);
    expect(await found('ERNIE NEAR')).toEqual([]);
    expect(await found('智谱清言')).toEqual(['zhipu-a']);
    expect(await found('智谱'), 'two characters: the company name and the notes').toEqual(['zhipu-a']);
    expect(await found('HARVEY')).toEqual(['harvey-seed']);
    expect((await searched(getCollection('scenarios'), 'NEAR(a b)')).ids).toEqual(['s-1']);
  });

  it('are what the count of a search reads', async () => {
    const investments = getCollection('investments');
    const spec = parseQuery(investments, new URLSearchParams({ q: 'harvey' }));
    const count = dynamic(t.atlas.db).selectFrom(investments.table).select(sql<number>`count(*)`.as('n')).where(conditionsOf(t.atlas.dialect, spec)!).compile();
    const explain = async (db: Kysely<Database>, prefix: string) => {
      const { rows } = await db.executeQuery<Record<string, string>>({ ...count, sql: `${prefix} ${count.sql}` });
      return rows.map((r) => Object.values(r).join(' ')).join('\n');
    };
    expect(await countRows(t.atlas, spec)).toBe(1);
    if (TEST_DIALECT === 'sqlite') {
      const plan = await explain(t.atlas.db, 'explain query plan');
      expect(plan).toMatch(/investments_fts VIRTUAL TABLE INDEX/);
      expect(plan).toMatch(/companies_fts VIRTUAL TABLE INDEX/);
      return;
    }
    // The tables are small: with sequential scans off the planner shows what it takes at a million rows.
    await t.atlas.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = await explain(trx, 'explain');
      expect(plan).toMatch(/Bitmap Index Scan on investments_notes_trgm_idx/);
      expect(plan).toMatch(/Bitmap Index Scan on companies_name_trgm_idx/);
      expect(await countRows({ ...t.atlas, db: trx }, spec)).toBe(1);
    });
  });
});

describe('q finds what the scan finds after every kind of write', () => {
  it('after edits of a round and of a company its rounds are found by', async () => {
    await patch('investments', 'msft-2019', { notes: 'Azure credits "compute*" — 智谱清言 too' });
    await patch('companies', 'harvey', { name: 'Harvey AI', name_zh: '哈维' });
    await patch('investments', 'harvey-seed', { notes: null });
    expect((await searched(getCollection('investments'), '哈维')).ids).toEqual(['harvey-seed']);
    expect((await searched(getCollection('investments'), 'compute*')).ids).toEqual(['msft-2019']);
    await expectSearchAgrees(t.atlas);
  });

  it('after deletes, and after the undo of a delete and of an edit', async () => {
    await remove('investments', 'mem-2022');
    await remove('scenarios', 's-1');
    expect((await searched(getCollection('investments'), 'x%y')).ids).toEqual([]);
    await expectSearchAgrees(t.atlas);
    await undoLatest('investments', 'mem-2022');
    await undoLatest('scenarios', 's-1');
    await undoLatest('investments', 'harvey-seed');
    expect((await searched(getCollection('investments'), 'x%y')).ids).toEqual(['mem-2022']);
    expect((await searched(getCollection('investments'), 'NEAR-final')).ids).toEqual(['harvey-seed']);
    await expectSearchAgrees(t.atlas);
  });

  it('after a CSV import that adds and changes rows, and after its undo', async () => {
    const rounds = lines(
      'id,company_id,round_type,announced_on,notes,investors',
      'csv-1,harvey,seed,2024-05-01,"Imported: ""NEAR"" 智谱清言 (x_y)",sequoia',
      'msft-2021,openai,strategic,2021-01-01,Changed by CSV: NOT 50%,microsoft',
    );
    const companies = lines('id,name,name_zh,kind,description', 'csv-co,CSV Co,智谱清言科技,builder,"*:^ imported"');
    const first = await postCsv('investments', rounds, 'mode=upsert');
    expect(first.body, JSON.stringify(first.body)).toMatchObject({ inserted: 1, updated: 1 });
    const second = await postCsv('companies', companies);
    expect(second.body, JSON.stringify(second.body)).toMatchObject({ inserted: 1 });
    expect((await searched(getCollection('investments'), 'Changed by CSV')).ids).toEqual(['msft-2021']);
    expect((await searched(getCollection('companies'), '智谱清言')).ids).toEqual(['csv-co']);
    await expectSearchAgrees(t.atlas);
    expect((await undoImport(second.body.batchId!)).status).toBe(200);
    expect((await undoImport(first.body.batchId!)).status).toBe(200);
    expect((await searched(getCollection('investments'), 'Changed by CSV')).ids).toEqual([]);
    await expectSearchAgrees(t.atlas);
  });

  it(`after an import of ${COMPACT_AFTER_ROWS.toLocaleString('en-US')} rows, which leaves the SQLite indexes in one segment each, and after its undo`, async () => {
    const segments = async () => {
      if (TEST_DIALECT !== 'sqlite') return 1;
      const { rows } = await sql<{ n: number }>`select count(distinct segid) as n from companies_fts_idx`.execute(t.atlas.db);
      return rows[0].n;
    };
    // Single-row writes leave several segments behind.
    for (let i = 0; i < 40; i++) await patch('companies', 'sequoia', { description: `Edit ${i}: sequoia capital` });
    const rows = Array.from({ length: COMPACT_AFTER_ROWS }, (_, i) => `big-${i},Big ${i} Co,大模型${i},builder`);
    const reply = await postCsv('companies', lines('id,name,name_zh,kind', ...rows));
    expect(reply.body, JSON.stringify(reply.body).slice(0, 300)).toMatchObject({ inserted: COMPACT_AFTER_ROWS });
    expect(await segments()).toBe(1);
    const terms = ['Big 1234', 'big 99', '大模型42', '大模', 'sequoia capital', 'Edit 39', 'ai'];
    await expectSearchAgrees(t.atlas, terms);
    expect((await searched(getCollection('companies'), 'Big 1234 Co')).ids).toEqual(['big-1234']);
    expect((await undoImport(reply.body.batchId!)).status).toBe(200);
    expect(await segments()).toBe(1);
    await expectSearchAgrees(t.atlas, terms);
  });

  it('pages the same whether read from the matches or by walking the rows in order', async () => {
    const rounds = Array.from({ length: 300 }, (_, i) => `bulk-${i},${i % 3 ? 'harvey' : 'baidu'},seed,20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10},Bulk round ${i}`);
    const reply = await postCsv('investments', lines('id,company_id,round_type,announced_on,notes', ...rounds));
    expect(reply.body, JSON.stringify(reply.body).slice(0, 300)).toMatchObject({ inserted: 300 });
    const investments = getCollection('investments');
    const cases: [Record<string, string>, boolean][] = [
      // Most rounds match: walked in date order (an index gives it), or by amount (so does one).
      [{ q: 'Bulk round', pageSize: '20' }, false],
      [{ q: 'harvey', pageSize: '25', sort: 'amount_usd', order: 'desc' }, false],
      [{ q: 'BULK ROUND 1', pageSize: '10', sort: 'round_type' }, false],
      // Few match: read from the matches.
      [{ q: 'Bulk round 29', pageSize: '5' }, true],
      [{ q: '百度', pageSize: '20' }, true],
    ];
    for (const [query, drives] of cases) {
      if (TEST_DIALECT === 'sqlite' && searchUsesIndex('sqlite', query.q)) {
        const shape = await searchShape(t.atlas, parseQuery(investments, new URLSearchParams(query)));
        expect(shape?.searchDrives, JSON.stringify(query)).toBe(drives);
      }
      await expectPagesAgree(t.atlas, investments, query, 3);
    }
    await expectSearchAgrees(t.atlas, ['Bulk round 1', 'bulk', 'harvey', '百度', 'ulk r']);
  });

  it('after VACUUM, which keeps the rowids the SQLite index is keyed by', async () => {
    if (TEST_DIALECT !== 'sqlite') return;
    const before = await scanned(t.atlas, getCollection('investments'), 'ai');
    await sql`vacuum`.execute(t.atlas.db);
    await expectIndexesIntact(t.atlas);
    expect(await scanned(t.atlas, getCollection('investments'), 'ai')).toEqual(before);
    await expectSearchAgrees(t.atlas, TERMS.slice(0, 12));
    expect(ftsTableOf(getCollection('investments'))).toBe('investments_fts');
  });
});
