// npm run db:migrate | db:seed | db:reset | db:backup -- --out FILE | db:restore -- FILE [--force] — against
// DATABASE_URL (default: the embedded SQLite file). Exit code 0 done, 1 failed, 2 bad arguments.
import { NO_MIGRATIONS, sql } from 'kysely';
import { BackupError, backupDatabase, restoreDatabase } from '../db/backup';
import { migrateToLatest, migratorFor, openAtlas } from '../db/connection';
import { migrations } from '../db/migrations';
import { seed } from '../db/seed';
import { readEnv } from '../lib/env';

/** Every table the migrations made, dropped by undoing them all (each migration knows what it made). */
async function dropAll(atlas: ReturnType<typeof openAtlas>) {
  // SQLite empties a table before dropping it, and companies point at their parent companies: a row-by-row
  // delete can trip that foreign key, so it is off while every migration is undone.
  if (atlas.dialect === 'sqlite') await sql`pragma foreign_keys = off`.execute(atlas.db);
  const { error } = await (await migratorFor(atlas.db)).migrateTo(NO_MIGRATIONS);
  if (error) throw error;
  if (atlas.dialect === 'sqlite') await sql`pragma foreign_keys = on`.execute(atlas.db);
}

const USAGE = 'usage: npm run db:backup -- --out FILE | npm run db:restore -- FILE [--force]';

/** The backup and restore commands: they work on the file or dump, not through the app's connection. */
async function backupOrRestore(command: 'backup' | 'restore', args: string[]): Promise<number> {
  const url = readEnv().DATABASE_URL;
  if (command === 'backup') {
    const out = args[0] === '--out' && args.length === 2 ? args[1] : null;
    if (!out) return usage();
    const { dialect, bytes } = await backupDatabase(url, out);
    console.log(`backed up the ${dialect} database to ${out} (${bytes.toLocaleString('en-US')} bytes)`);
    return 0;
  }
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0].startsWith('--')) return usage();
  const { dialect } = await restoreDatabase(url, files[0], { force });
  console.log(`restored the ${dialect} database from ${files[0]}`);
  return 0;
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

async function main() {
  const command = process.argv[2];
  if (command === 'backup' || command === 'restore') {
    try {
      process.exitCode = await backupOrRestore(command, process.argv.slice(3));
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(error.message);
      process.exitCode = 1;
    }
    return;
  }
  const atlas = openAtlas(readEnv().DATABASE_URL);
  try {
    if (command === 'reset') await dropAll(atlas);
    await migrateToLatest(atlas.db);
    console.log(`migrated (${Object.keys(migrations).length} migrations, ${atlas.dialect})`);
    if (command === 'seed' || command === 'reset') console.log('seeded', await seed(atlas));
  } finally {
    await atlas.db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
