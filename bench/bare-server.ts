// The baseline: a bare node:http server that runs exactly the SQL statements the app ran for a scenario
// (captured from Kysely's log) with raw better-sqlite3 on the same database file, and answers JSON.
import http from 'node:http';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

type Statement = { sql: string; parameters: unknown[] };
const [file, port, scenariosFile] = process.argv.slice(2);
const scenarios = JSON.parse(fs.readFileSync(scenariosFile, 'utf8')) as Record<string, Statement[]>;
const db = new BetterSqlite3(file, { readonly: true });
const prepared = new Map<string, BetterSqlite3.Statement>();
const statement = (text: string) => prepared.get(text) ?? prepared.set(text, db.prepare(text)).get(text)!;

http
  .createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    const statements = scenarios[name];
    if (!statements) return response.writeHead(404).end();
    const results = statements.map((s) => statement(s.sql).all(...(s.parameters as unknown[])));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(results));
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
