// npm run db:migrate | db:seed | db:reset — against DATABASE_URL (default: the embedded SQLite file).
import { sql } from 'kysely';
import { migrateToLatest, openAtlas } from '../db/connection';
import { migrations } from '../db/migrations';
import { seed } from '../db/seed';
import { LINK_TABLES } from '../lib/collections';
import { readEnv } from '../lib/env';

async function dropAll(atlas: ReturnType<typeof openAtlas>) {
  const links = LINK_TABLES.map((link) => link.table);
  const tables = ['sign_in_attempts', 'api_tokens', 'sessions', 'users', 'imports', 'changes', 'share_links', 'scenarios', 'evidence', 'hypotheses', 'market_shares', 'use_cases', ...links, 'investments', 'companies', 'kysely_migration', 'kysely_migration_lock'];
  for (const table of tables) await sql`drop table if exists ${sql.table(table)}${atlas.dialect === 'postgres' ? sql` cascade` : sql``}`.execute(atlas.db);
}

async function main() {
  const command = process.argv[2];
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
