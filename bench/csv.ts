// CSV import and export of N investments (default 1,000,000): the app's route handlers against raw papaparse
// + better-sqlite3 on the same file in the same run. Each contender runs in its own child process; its wall
// time and peak RSS (getrusage maxrss) are printed side by side.
//   npx tsx bench/csv.ts [rows]        or, from bench/run.ts: await benchCsv({ rows })
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCollection } from '../lib/collections';
import { companiesCsv, companyRows, writeInvestmentsCsv } from './csv-data';
import type { Measured } from './csv-measure';

const BUILDERS = 2000;
const INVESTORS = 1000;
const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');

interface Result extends Measured {
  name: string;
  rssMb: number;
}

/** Which file runs each contender: the raw baseline never loads the app. */
const CONTENDERS = { rawImport: 'csv-raw.ts', rawExport: 'csv-raw.ts', rawExportStreamed: 'csv-raw.ts', atlasImport: 'csv-app.ts', atlasExport: 'csv-app.ts' } as const;
type ContenderName = keyof typeof CONTENDERS;

/**
 * Run one contender in a fresh Node process, its TypeScript compiled by tsx's CommonJS hook (in the same
 * thread, like the app's compiled bundle; the ESM loader would add a worker thread to the RSS). The
 * react-server condition lets route modules import server-only, as Next.js does.
 */
function runChild(name: ContenderName, db: string, file: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const entry = path.join(path.dirname(SELF), CONTENDERS[name]);
    const child = spawn(process.execPath, ['--conditions=react-server', '--require', 'tsx/cjs', entry, name, db, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`${name} exited with ${code}: ${out.slice(-2000)}`));
      resolve({ name, ...(JSON.parse(line) as Measured & { rssMb: number }) });
    });
  });
}

/** A migrated SQLite file holding the companies the rounds point at, loaded through the app's import. */
async function template(dir: string): Promise<string> {
  const file = path.join(dir, 'template.db');
  const { openAtlas, migrateToLatest } = await import('../db/connection');
  const { runImport } = await import('../db/import');
  const atlas = openAtlas(file);
  await migrateToLatest(atlas.db);
  const csv = companiesCsv(companyRows(BUILDERS, INVESTORS));
  const options = { mode: 'upsert', dryRun: false, onError: 'abort', createMissing: false, map: null, delimiter: null, encoding: null, filename: 'companies.csv' } as const;
  const result = await runImport(atlas, getCollection('companies'), [csv], options, { actor: 'bench' });
  if (result.inserted !== BUILDERS + INVESTORS) throw new Error(`companies not loaded: ${JSON.stringify(result).slice(0, 300)}`);
  await atlas.db.destroy();
  return file;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function line(result: Result, rows: number, baseline?: Result): string {
  const seconds = result.ms / 1000;
  const ratio = baseline ? `${fmt(result.ms / baseline.ms, 2)}× raw (CPU ${fmt(result.cpuMs / baseline.cpuMs, 2)}×)` : 'baseline';
  return `  ${result.name.padEnd(12)} ${fmt(seconds, 2).padStart(7)} s ${fmt(rows / seconds).padStart(9)} rows/s  CPU ${fmt(result.cpuMs / 1000, 2).padStart(6)} s ${fmt(result.rssMb).padStart(5)} MB peak RSS   ${ratio}`;
}

export async function benchCsv(options: { rows: number }): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-csv-'));
  try {
    const csvFile = path.join(dir, 'investments.csv');
    await writeInvestmentsCsv(csvFile, options.rows, BUILDERS, INVESTORS);
    const base = await template(dir);
    const copy = (name: string) => {
      const file = path.join(dir, `${name}.db`);
      fs.copyFileSync(base, file);
      return file;
    };
    const rawIn = await runChild('rawImport', copy('raw'), csvFile);
    const atlasDb = copy('atlas');
    const atlasIn = await runChild('atlasImport', atlasDb, csvFile);
    const rawOut = await runChild('rawExport', atlasDb, path.join(dir, 'raw-export.csv'));
    const streamedOut = await runChild('rawExportStreamed', atlasDb, path.join(dir, 'raw-streamed.csv'));
    const atlasOut = await runChild('atlasExport', atlasDb, path.join(dir, 'atlas-export.csv'));
    const mb = fs.statSync(csvFile).size / 1024 / 1024;
    return [
      `CSV import, ${fmt(options.rows)} investments (${fmt(mb, 1)} MB, ${fmt(BUILDERS + INVESTORS)} companies) — target ≤ 2× raw, < 300 MB`,
      line({ ...rawIn, name: 'raw import' }, options.rows),
      line({ ...atlasIn, name: 'atlas import' }, options.rows, rawIn),
      `CSV export, same rows (${fmt((atlasOut.bytes ?? 0) / 1024 / 1024, 1)} MB) — target ≤ 1.5× raw, < 150 MB`,
      line({ ...rawOut, name: 'raw export' }, options.rows),
      line({ ...atlasOut, name: 'atlas export' }, options.rows, rawOut),
      `  for comparison, a raw export streamed like the app's (joined lists, unparse per 1,000 rows):`,
      line({ ...streamedOut, name: 'raw streamed' }, options.rows),
      line({ ...atlasOut, name: 'atlas export' }, options.rows, streamedOut),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  benchCsv({ rows: Number(process.argv[2] ?? 1_000_000) })
    .then((lines) => console.log(lines.join('\n')))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
