import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRows } from '../../db/export';
import { labelledFacets } from '../../db/facets';
import { attachLinks, writeLinks } from '../../db/relations';
import { listRows } from '../../db/rows';
import { idColumn } from '../../lib/collections/shared-columns';
import type { Collection, LinkTable } from '../../lib/collections/types';
import { parseQuery, specToParams } from '../../lib/query/parse';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';

// A second many-to-many collection needs a declaration and its tables, no SQL of its own: a made-up
// collection of watchlists, each following companies (some pinned), is written, listed, filtered, counted and
// exported by the same functions that serve the participants of rounds.

const label = { en: 'x', zh: 'x' };
const follows: LinkTable = { table: 'watchlist_follows', from: 'watchlist_id', to: 'company_id', field: 'follows', flags: { is_pinned: 'isPinned' } };
const watchlists: Collection = {
  id: 'watchlists',
  table: 'watchlists',
  label,
  singular: label,
  titleColumn: 'name',
  defaultSort: { column: 'name', order: 'asc' },
  columns: [
    idColumn,
    { id: 'name', type: 'text', label, sortable: true },
    { id: 'pinned', type: 'refs', ref: 'companies', virtual: true, relation: { link: follows, only: 'is_pinned' }, label },
    { id: 'companies', type: 'refs', ref: 'companies', virtual: true, relation: { link: follows }, label },
  ],
  relationFilters: [
    { param: 'follows', column: 'companies', children: 'parent_id', facet: true, label },
    { param: 'pinned', column: 'pinned', label },
  ],
};

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  await sql`create table watchlists (id text primary key, name text not null)`.execute(t.atlas.db);
  await sql`create table watchlist_follows (
    watchlist_id text not null references watchlists (id) on delete cascade,
    company_id text not null references companies (id),
    is_pinned integer not null default 0,
    primary key (watchlist_id, company_id))`.execute(t.atlas.db);
  await sql`insert into watchlists (id, name) values ('w-ai', 'AI'), ('w-china', 'China'), ('w-none', 'Empty')`.execute(t.atlas.db);
  await writeLinks(t.atlas.db, watchlists, [
    { id: 'w-ai', lists: { pinned: ['openai'], companies: ['openai-startup-fund', 'harvey'] }, replace: false },
    { id: 'w-china', lists: { companies: ['zhipu-ai', 'baidu'] }, replace: false },
    { id: 'w-none', lists: null, replace: false },
  ]);
});
afterAll(async () => t.cleanup());

const list = async (query: string) => (await listRows(t.atlas, parseQuery(watchlists, new URLSearchParams(query)))).rows;

describe('a second link table, declared only', () => {
  it('lists each row with its links, flagged first, and one id list per refs column', async () => {
    const rows = await list('');
    expect(rows.map((r) => [r.id, r.pinned, r.companies])).toEqual([
      ['w-ai', ['openai'], ['openai', 'harvey', 'openai-startup-fund']],
      ['w-china', [], ['baidu', 'zhipu-ai']],
      ['w-none', [], []],
    ]);
    expect(rows[0].follows).toEqual([
      { id: 'openai', name: 'OpenAI', name_zh: null, isPinned: true },
      { id: 'harvey', name: 'Harvey', name_zh: null, isPinned: false },
      { id: 'openai-startup-fund', name: 'OpenAI Startup Fund', name_zh: null, isPinned: false },
    ]);
    const one = [{ id: 'w-china' }];
    await attachLinks(t.atlas.db, watchlists, one, false);
    expect(one).toEqual([{ id: 'w-china', pinned: [], companies: ['baidu', 'zhipu-ai'] }]);
  });

  it('filters by a linked row or its children, and by flagged links only', async () => {
    expect((await list('follows=openai')).map((r) => r.id)).toEqual(['w-ai']);
    expect((await list('follows=baidu&follows=zhipu-ai')).map((r) => r.id)).toEqual(['w-china']);
    expect((await list('pinned=harvey')).map((r) => r.id)).toEqual([]);
    expect((await list('pinned=openai')).map((r) => r.id)).toEqual(['w-ai']);
    expect(specToParams(parseQuery(watchlists, new URLSearchParams('pinned=openai&follows=baidu'))).toString()).toBe('pinned=openai&follows=baidu');
  });

  it('counts rows per linked row for its facet, with names', async () => {
    const { follows: counts } = await labelledFacets(t.atlas, parseQuery(watchlists, new URLSearchParams('')), ['follows']);
    expect(counts.map((c) => [c.value, c.count, c.name])).toEqual([
      ['baidu', 1, 'Baidu'],
      ['harvey', 1, 'Harvey'],
      ['openai', 1, 'OpenAI'],
      ['openai-startup-fund', 1, 'OpenAI Startup Fund'],
      ['zhipu-ai', 1, 'Zhipu AI'],
    ]);
  });

  it('exports each refs column as its ids, and replaces links on a rewrite', async () => {
    await writeLinks(t.atlas.db, watchlists, [{ id: 'w-china', lists: { companies: ['baidu'] }, replace: true }]);
    const spec = parseQuery(watchlists, new URLSearchParams(''));
    const columns = watchlists.columns.filter((c) => c.id !== 'name');
    const chunks: Record<string, unknown>[][] = [];
    for await (const chunk of exportRows(t.atlas, spec, columns, (rows) => rows)) chunks.push(chunk);
    expect(chunks.flat().map((r) => [r.id, r.pinned, [...(r.companies as string[])].sort()])).toEqual([
      ['w-ai', ['openai'], ['harvey', 'openai', 'openai-startup-fund']],
      ['w-china', [], ['baidu']],
      ['w-none', [], []],
    ]);
  });
});
