// CSV import, undo and export at issue 16's sizes, on SQLite and PostgreSQL, against the bare limit: the same CSV
// streamed through papaparse and written by the raw driver into plain tables with primary keys only (no other
// index, no trigger, one transaction; SQLite a prepared INSERT, PostgreSQL COPY FROM STDIN), and for export a raw
// select + papaparse unparse. The app imports N new rounds through its route handler into a database that already
// holds N others (bench/dataset.ts) while a single-row edit is sent every 250 ms (item 5); the bare tables hold the
// same N others. Each contender runs in its own child process; wall time, CPU time and peak RSS are printed.
//   npx tsx bench/csv.ts [rounds] [companies]     or, from bench/run.ts: await benchCsv({ rows, companies })
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRoundsCsv } from './csv-data';
import type { Measured } from './csv-measure';
import { prepareBarePg, prepareBareSqlite } from './csv-raw';
import { ensureDataset } from './dataset';
import { stats } from './measure';
import { BENCH_PG_URL, copyToPostgres, dropPgSchema, pgSchemaUrl } from './pg-copy';
import { postgresAnswers } from './raw-driver';
import { machine, recordTarget } from './targets';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const IMPORT_RATIO = 3;
const IMPORT_RSS_MB = 300;
const UNDO_RATIO = 3;
const EXPORT_RATIO = 1.5;
const EXPORT_RSS_MB = 150;
const EDIT_P95_MS = 200;
const APP_SCHEMA = 'bench_csv_app';
/** BENCH_CSV_DB=sqlite or postgres runs one database only (for iterating; npm run bench runs both). */
const ONLY = process.env.BENCH_CSV_DB;
const BARE_SCHEMA = 'bench_csv_bare';

interface Result extends Measured {
  rssMb: number;
}

/** Which file runs each contender: the bare limit never loads the app. */
const FILES = { rawImport: 'csv-raw.ts', rawImportPg: 'csv-raw.ts', rawExport: 'csv-raw.ts', rawExportPg: 'csv-raw.ts', atlasImport: 'csv-app.ts', atlasUndo: 'csv-app.ts', atlasExport: 'csv-app.ts' } as const;

/**
 * Run one contender in a fresh Node process, its TypeScript compiled by tsx's CommonJS hook (in the same thread,
 * like the app's compiled bundle; the ESM loader would add a worker thread to the RSS). The react-server
 * condition lets route modules import server-only, as Next.js does.
 */
function runChild(name: keyof typeof FILES, db: string, file: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const entry = path.join(path.dirname(SELF), FILES[name]);
    const child = spawn(process.execPath, ['--conditions=react-server', '--require', 'tsx/cjs', entry, name, db, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`${name} exited with ${code}: ${out.slice(-2000)}`));
      resolve(JSON.parse(line) as Result);
    });
  });
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

function line(name: string, result: Result, rows: number, baseline?: Result): string {
  const seconds = result.ms / 1000;
  const ratio = baseline ? `${fmt(result.ms / baseline.ms, 2)}× bare (CPU ${fmt(result.cpuMs / baseline.cpuMs, 2)}×)` : 'bare limit';
  return `  ${name.padEnd(14)} ${fmt(seconds, 2).padStart(8)} s ${fmt(rows / seconds).padStart(9)} rows/s  CPU ${fmt(result.cpuMs / 1000, 2).padStart(7)} s ${fmt(result.rssMb).padStart(6)} MB peak RSS   ${ratio}   (load ${load()})`;
}

interface Side {
  database: 'sqlite' | 'postgres';
  /** The app's database: a file or a URL. */
  app: string;
  bare: string;
}

async function benchOne(side: Side, csvFile: string, rows: number, dir: string): Promise<string[]> {
  const bareIn = await runChild(side.database === 'sqlite' ? 'rawImport' : 'rawImportPg', side.bare, csvFile);
  const bareOut = await runChild(side.database === 'sqlite' ? 'rawExport' : 'rawExportPg', side.app, path.join(dir, 'bare-export.csv'));
  const appOut = await runChild('atlasExport', side.app, path.join(dir, 'app-export.csv'));
  const appIn = await runChild('atlasImport', side.app, csvFile);
  const batchId = String(appIn.detail?.batchId ?? '');
  const undo = await runChild('atlasUndo', side.app, batchId);
  const edits = (appIn.detail?.edits ?? []) as number[];
  const failedEdits = (appIn.detail?.failedEdits ?? []) as number[];
  const editStats = edits.length ? stats(edits) : null;
  const ratio = appIn.ms / bareIn.ms;
  const undoRatio = undo.ms / bareIn.ms;
  const exportRatio = appOut.ms / bareOut.ms;
  const db = side.database;
  const bare = `bare ${fmt(bareIn.ms / 1000, 1)} s`;
  recordTarget({ issue: '16.1', target: 'CSV import time', database: db, measured: `${fmt(ratio, 2)}×`, limit: `≤ ${IMPORT_RATIO}× bare`, pass: ratio <= IMPORT_RATIO, baseline: bare });
  recordTarget({ issue: '16.1', target: 'CSV import peak RSS', database: db, measured: `${fmt(appIn.rssMb)} MB`, limit: `≤ ${IMPORT_RSS_MB} MB`, pass: appIn.rssMb <= IMPORT_RSS_MB });
  recordTarget({ issue: '16.1', target: 'undo of the import batch', database: db, measured: `${fmt(undoRatio, 2)}×`, limit: `≤ ${UNDO_RATIO}× bare import`, pass: undoRatio <= UNDO_RATIO, baseline: bare });
  recordTarget({ issue: '16.2', target: 'CSV export time', database: db, measured: `${fmt(exportRatio, 2)}×`, limit: `≤ ${EXPORT_RATIO}× bare`, pass: exportRatio <= EXPORT_RATIO, baseline: `bare ${fmt(bareOut.ms / 1000, 1)} s` });
  recordTarget({ issue: '16.2', target: 'CSV export peak RSS', database: db, measured: `${fmt(appOut.rssMb)} MB`, limit: `≤ ${EXPORT_RSS_MB} MB`, pass: appOut.rssMb <= EXPORT_RSS_MB });
  if (db === 'postgres') {
    const p95 = editStats?.p95 ?? Infinity;
    recordTarget({ issue: '16.5', target: 'edit during the import, p95', database: db, measured: `${fmt(p95)} ms (${edits.length} edits, ${failedEdits.length} failed)`, limit: `≤ ${EDIT_P95_MS} ms`, pass: p95 <= EDIT_P95_MS && failedEdits.length === 0 });
  } else {
    const waited = edits.length ? Math.max(...edits) : 0;
    recordTarget({ issue: '16.5', target: 'edit during the import waits, succeeds', database: db, measured: `${edits.length} ok, ${failedEdits.length} failed (waited ≤ ${fmt(waited / 1000, 1)} s)`, limit: 'no failure', pass: edits.length > 0 && failedEdits.length === 0 });
  }
  return [
    `${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}:`,
    `  import of ${fmt(rows)} rounds into a database holding ${fmt(rows)} others — target ≤ ${IMPORT_RATIO}× bare, ≤ ${IMPORT_RSS_MB} MB`,
    line('bare import', bareIn, rows),
    line('app import', appIn, rows, bareIn),
    line('app undo', undo, rows, bareIn),
    `  edits during the import: ${edits.length} answered 200, ${failedEdits.length} failed${editStats ? `; p50 ${fmt(editStats.p50)} ms, p95 ${fmt(editStats.p95)} ms, max ${fmt(Math.max(...edits))} ms` : ''}`,
    `  export of ${fmt(rows)} rounds with participants (${fmt((appOut.bytes ?? 0) / 1024 / 1024, 1)} MB) — target ≤ ${EXPORT_RATIO}× bare, ≤ ${EXPORT_RSS_MB} MB`,
    line('bare export', bareOut, rows),
    line('app export', appOut, rows, bareOut),
  ];
}


export async function benchCsv(options: { rows: number; companies: number }): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-csv-'));
  const started = performance.now();
  const base = path.resolve('bench/out/tables.db');
  await ensureDataset(base, { companies: options.companies, rounds: options.rows });
  const csvFile = path.join(dir, 'rounds.csv');
  await writeRoundsCsv(csvFile, options.rows, options.companies);
  const lines = [
    `CSV: ${fmt(options.rows)} new rounds (${fmt(fs.statSync(csvFile).size / 1024 / 1024, 1)} MB) over ${fmt(options.companies)} companies; ${machine()} at start (data ready in ${fmt((performance.now() - started) / 1000)} s)`,
    'bare: papaparse + raw driver into plain tables (primary keys only, no other index, no trigger, one transaction) holding the same rounds the app database holds',
  ];
  try {
    const appFile = path.join(dir, 'app.db');
    for (const suffix of ['', '-wal']) if (fs.existsSync(base + suffix)) fs.copyFileSync(base + suffix, appFile + suffix);
    const bareFile = path.join(dir, 'bare.db');
    prepareBareSqlite(base, bareFile);
    if (ONLY !== 'postgres') lines.push(...(await benchOne({ database: 'sqlite', app: appFile, bare: bareFile }, csvFile, options.rows, dir)));
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.db') || f.includes('.db-'))) fs.rmSync(path.join(dir, file), { force: true });
    if (ONLY === 'sqlite') lines.push('PostgreSQL: skipped (BENCH_CSV_DB=sqlite)');
    else if (await postgresAnswers()) {
      const copied = performance.now();
      const url = await copyToPostgres(base, APP_SCHEMA);
      await prepareBarePg(BENCH_PG_URL, APP_SCHEMA, BARE_SCHEMA);
      lines.push(`(PostgreSQL: schemas ready in ${fmt((performance.now() - copied) / 1000)} s)`);
      try {
        lines.push(...(await benchOne({ database: 'postgres', app: url, bare: pgSchemaUrl(BARE_SCHEMA) }, csvFile, options.rows, dir)));
      } finally {
        await dropPgSchema(APP_SCHEMA).catch(() => undefined);
        await dropPgSchema(BARE_SCHEMA).catch(() => undefined);
      }
    } else {
      lines.push(`PostgreSQL at ${BENCH_PG_URL} does not answer: skipped`);
    }
    lines.push(`${machine()} at end`);
    return lines;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  const [rows = '1000000', companies = '100000'] = process.argv.slice(2);
  benchCsv({ rows: Number(rows), companies: Number(companies) })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
