// Diagnostic: the SQLite plan of each statement of one analysis request.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openAtlas } from '../db/connection';
import { coInvestments } from '../db/coinvestments';
import { marketMap } from '../db/market-map';
import { parseMarketMapQuery, parseNetworkQuery } from '../lib/analysis/params';

async function main() {
  const file = path.resolve('bench/out/analysis.db');
  const [route, query = ''] = process.argv.slice(2);
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const atlas = openAtlas(file, { log: (e) => { if (e.level === 'query') statements.push({ sql: e.query.sql, parameters: e.query.parameters }); } });
  const p = new URLSearchParams(query);
  await (route === 'market-map' ? marketMap(atlas, parseMarketMapQuery(p)) : coInvestments(atlas, parseNetworkQuery(p)));
  const raw = new BetterSqlite3(file, { readonly: true });
  for (const s of statements) {
    console.log(s.sql.replace(/\s+/g, ' ').slice(0, 600), JSON.stringify(s.parameters).slice(0, 100));
    for (const row of raw.prepare(`explain query plan ${s.sql}`).all(...s.parameters) as { detail: string; id: number; parent: number }[]) console.log('   ', row.parent, row.id, row.detail);
  }
  raw.close();
  await atlas.db.destroy();
}
main();
