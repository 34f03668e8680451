// The baseline: a bare node:http server that runs exactly the SQL statements the app ran for a URL (captured
// from Kysely's log: the users check, the page or facet queries, the names and participants) with raw
// better-sqlite3 on the same database file, set up with the app's own pragmas, and answers their rows as JSON.
import http from 'node:http';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { SQLITE_PRAGMAS } from '../db/connection';

type Statement = { sql: string; parameters: unknown[] };
const [file, port, scenariosFile] = process.argv.slice(2);
const scenarios = JSON.parse(fs.readFileSync(scenariosFile, 'utf8')) as Record<string, Statement[]>;
const db = new BetterSqlite3(file);
for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
const prepared = new Map<string, BetterSqlite3.Statement>();
const statement = (text: string) => prepared.get(text) ?? prepared.set(text, db.prepare(text)).get(text)!;

http
  .createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    // The floor: what an answer costs with no SQL at all (compared with the app's /api/health).
    if (name === 'health') return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, db: 'sqlite' }));
    const statements = scenarios[name];
    if (!statements) return response.writeHead(404).end();
    const results = statements.map((s) => statement(s.sql).all(...(s.parameters as unknown[])));
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(results));
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
