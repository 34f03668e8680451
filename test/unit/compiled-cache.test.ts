import { CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compiledFor, specKey } from '../../db/compiled-cache';
import { getCollection } from '../../lib/collections';
import { parseQuery } from '../../lib/query/parse';

const key = (collection: string, query: string) => specKey(parseQuery(getCollection(collection), new URLSearchParams(query)));

describe('compiled page queries are kept by the spec’s key', () => {
  it('gives every difference that reaches the SQL or its parameters its own key', () => {
    const queries = [
      'round_type=seed',
      'round_type=series_a',
      'round_type=seed&round_type=series_a',
      'round_type=seed&announced_on__gte=2020-01-01',
      'round_type=seed&announced_on__lte=2020-01-01',
      'amount_usd__gte=1',
      'amount_usd__gte=10',
      'amount_usd__isnull=1',
      'amount_usd__isnull=0',
      'q=seed',
      'q=Seed',
      'investor=openai',
      'lead=openai',
      'sort=amount_usd',
      'sort=amount_usd&order=desc',
      'page=2',
      'pageSize=20',
      '',
    ];
    const keys = queries.map((q) => key('investments', q));
    expect(new Set(keys).size).toBe(queries.length);
    expect(key('companies', '')).not.toBe(key('investments', ''));
  });

  it('gives the same key to the same query', () => {
    expect(key('investments', 'round_type=seed&announced_on__gte=2020-01-01')).toBe(key('investments', 'round_type=seed&announced_on__gte=2020-01-01'));
  });

  it('compiles once per key and database, and keeps at most 200', () => {
    const open = () => new Kysely<never>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    const [a, b] = [open(), open()];
    let compiled = 0;
    const compile = (n: number) => () => {
      compiled++;
      return CompiledQuery.raw(`select ${n}`);
    };
    expect(compiledFor(a, 'k1', compile(1)).sql).toBe('select 1');
    expect(compiledFor(a, 'k1', compile(2)).sql).toBe('select 1');
    expect(compiledFor(b, 'k1', compile(3)).sql).toBe('select 3');
    expect(compiled).toBe(2);
    for (let i = 0; i < 200; i++) compiledFor(a, `fill ${i}`, compile(i));
    expect(compiledFor(a, 'k1', compile(4)).sql).toBe('select 4');
  });
});
