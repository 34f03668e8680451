// One thread of the read pool (db/read-pool.ts): its own read-only connection to the SQLite file, answering one
// statement at a time. Plain JavaScript, loaded by path (not bundled), so it runs the same under `next start`,
// scripts/serve.mjs, tsx and vitest. See docs/decisions/028-board-tiles-in-worker-threads.md.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, busyTimeoutMs } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma(`busy_timeout = ${Number(busyTimeoutMs)}`);
// Writes are refused ("attempt to write a readonly database"): everything written goes through the main connection.
db.pragma('query_only = ON');

/** As Kysely's SqliteDriver answers a statement, so that a query gives the same result on either connection. */
function execute(sql, parameters) {
  const statement = db.prepare(sql);
  if (statement.reader) {
    // Rows travel by column, the names once: cloning 90,000 rows one object (or array) each made the collector of
    // both threads do more work than the statement (a column is one array).
    const columns = statement.columns().map((c) => c.name);
    const values = columns.map(() => []);
    for (const row of statement.raw(true).all(parameters)) for (let i = 0; i < row.length; i++) values[i].push(row[i]);
    return { columns, values };
  }
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { columns: [], values: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    parentPort.postMessage({ id, result: execute(sql, parameters) });
  } catch (error) {
    const { name, message, code } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    parentPort.postMessage({ id, error: { name, message, code } });
  }
});
