import { describeUrl, getAtlas } from '@/db/connection';
import { latestMigration } from '@/db/stats';
import { readEnv } from '@/lib/env';
import { json } from '../_lib/respond';
import packageJson from '../../../package.json';

export const dynamic = 'force-dynamic';

// Public, and outside handle(): it must answer even when the database (and so the users check) cannot.
export async function GET() {
  const dialect = describeUrl(readEnv().DATABASE_URL).dialect;
  try {
    const atlas = await getAtlas();
    return json({ ok: true, db: atlas.dialect, migration: await latestMigration(atlas), version: packageJson.version });
  } catch (error) {
    // The message only: a connection error must not print the database URL (it may hold a password).
    console.error(`health: the database cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    return json({ ok: false, db: dialect, migration: null, version: packageJson.version, error: { code: 'unavailable', message: 'the database cannot be reached' } }, 503);
  }
}
