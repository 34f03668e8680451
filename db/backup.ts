import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describeUrl } from './connection';

// npm run db:backup / db:restore. A backup is taken while the app runs and is consistent as of one moment:
// SQLite's online backup API copies pages under a read transaction, pg_dump reads one snapshot.
// Restoring is an offline step: stop the app first.

export class BackupError extends Error {}

const PG_DUMP_MISSING = (tool: string, command: string) =>
  `${tool} is not on PATH; install the PostgreSQL client tools, or run it yourself: ${command}`;

/** The schema the URL's connections work in (the `search_path` of its options, or public). */
async function currentSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ s: string }>('select current_schema() as s')).rows[0]?.s ?? 'public';
  } finally {
    await client.end();
  }
}

/** Run a PostgreSQL client tool; a missing tool or a failure is a BackupError with what to do. */
function run(tool: string, args: string[], shown: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new BackupError(PG_DUMP_MISSING(tool, shown)) : error),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/** Write a backup of the database at `url` to `out` (SQLite: a database file; PostgreSQL: pg_dump's custom format). */
export async function backupDatabase(url: string | undefined, out: string): Promise<{ dialect: string; bytes: number }> {
  const { dialect, target } = describeUrl(url);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  if (dialect === 'sqlite') {
    if (!fs.existsSync(target)) throw new BackupError(`there is no SQLite database at ${target}`);
    const source = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
    try {
      // All pages in one step, under one read transaction: in steps, every write the app makes between two
      // of them would start the copy again, and under a steady stream of writes it would never end.
      await source.backup(out, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
  } else {
    const schema = await currentSchema(target);
    await run('pg_dump', ['--format=custom', '--no-owner', `--schema=${schema}`, `--file=${out}`, `--dbname=${target}`], `pg_dump -Fc -n ${schema} -f ${out} "$DATABASE_URL"`);
  }
  return { dialect, bytes: fs.statSync(out).size };
}

/** Whether the database at `url` holds any table of ours with a row in it (companies, users, the change log …). */
async function holdsData(url: string | undefined): Promise<boolean> {
  const { dialect, target } = describeUrl(url);
  const tables = ['companies', 'investments', 'hypotheses', 'users', 'changes'];
  if (dialect === 'sqlite') {
    if (!fs.existsSync(target)) return false;
    const db = new BetterSqlite3(target, { readonly: true });
    try {
      const present = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
      return tables.some((t) => present.has(t) && db.prepare(`select 1 from "${t}" limit 1`).get() !== undefined);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    for (const table of tables) {
      const exists = (await client.query('select to_regclass($1) as t', [table])).rows[0]?.t;
      if (exists && (await client.query(`select 1 from "${table}" limit 1`)).rowCount) return true;
    }
    return false;
  } finally {
    await client.end();
  }
}

/** Replace the database at `url` with a backup. Refuses a database that holds data unless `force`. */
export async function restoreDatabase(url: string | undefined, file: string, options: { force: boolean }): Promise<{ dialect: string }> {
  const { dialect, target } = describeUrl(url);
  if (!fs.existsSync(file)) throw new BackupError(`there is no backup file ${file}`);
  if (!options.force && (await holdsData(url))) {
    throw new BackupError('the database holds data: restoring would replace it. Stop the app, and run again with --force to replace it.');
  }
  if (dialect === 'sqlite') {
    const check = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      if (check.pragma('integrity_check', { simple: true }) !== 'ok') throw new BackupError(`${file} is not an intact SQLite database`);
    } catch (error) {
      throw error instanceof BackupError ? error : new BackupError(`${file} is not an SQLite database: ${(error as Error).message}`);
    } finally {
      check.close();
    }
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const staged = `${target}.restoring`;
    fs.copyFileSync(file, staged);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(staged, target);
  } else {
    const schema = await currentSchema(target);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema.replace(/"/g, '""')}" cascade`);
    } finally {
      await client.end();
    }
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target}`, file], `pg_restore --no-owner -d "$DATABASE_URL" ${file}`);
  }
  return { dialect };
}
