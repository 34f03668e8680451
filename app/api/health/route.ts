import { sql } from 'kysely';
import { handle, json } from '../_lib/respond';
import packageJson from '../../../package.json';

export const dynamic = 'force-dynamic';

export async function GET() {
  return handle(async (atlas) => {
    await sql`select 1`.execute(atlas.db);
    return json({ ok: true, db: atlas.dialect, version: packageJson.version });
  });
}
