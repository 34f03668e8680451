// What the triggers of migration 025 (decision 029) cost an import and its undo: the app's import of N new rounds
// (bench/csv-app.ts, in a child process) into two copies of the N-round dataset, one with the triggers dropped,
// then the undo of each. Diagnostic, not part of npm run bench: npx tsx bench/analysis-import-cost.ts [rounds] [companies]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { writeRoundsCsv } from './csv-data';
import { ensureDataset } from './dataset';
import { machine } from './targets';

const [rounds = '100000', companies = '10000'] = process.argv.slice(2);

function child(contender: string, db: string, arg: string): { ms: number; cpuMs: number; rssMb: number; detail?: { batchId?: string } } {
  const out = execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.resolve('bench/csv-app.ts'), contender, db, arg], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

async function main() {
  const template = path.resolve('bench/out/import-cost.db');
  await ensureDataset(template, { rounds: Number(rounds), companies: Number(companies) });
  const csv = path.resolve('bench/out/import-cost.csv');
  await writeRoundsCsv(csv, Number(rounds), Number(companies));
  console.log(`import of ${rounds} new rounds into ${rounds} (${companies} companies); at start: ${machine()}`);
  for (const variant of ['without', 'with', 'without', 'with']) {
    const file = path.resolve(`bench/out/import-cost-${variant}.db`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    fs.copyFileSync(template, file);
    if (variant === 'without') {
      const db = new BetterSqlite3(file);
      for (const { name } of db.prepare("select name from sqlite_master where type = 'trigger' and (name like 'co_investment_%' or name like 'company_funding_%' or name like 'analysis_bulk_%')").all() as { name: string }[]) db.exec(`drop trigger ${name}`);
      db.close();
    }
    const imported = child('atlasImport', file, csv);
    const undone = child('atlasUndo', file, String(imported.detail?.batchId));
    console.log(`${variant.padEnd(8)} triggers: import ${(imported.ms / 1000).toFixed(1)} s (CPU ${(imported.cpuMs / 1000).toFixed(1)} s), undo ${(undone.ms / 1000).toFixed(1)} s (CPU ${(undone.cpuMs / 1000).toFixed(1)} s); ${machine()}`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}
main();
