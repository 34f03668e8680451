import { ping } from '@/db/stats';
import { handle, json } from '../_lib/respond';
import packageJson from '../../../package.json';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return handle(request, 'public', async ({ atlas }) => {
    await ping(atlas);
    return json({ ok: true, db: atlas.dialect, version: packageJson.version });
  });
}
