import 'server-only';
import type { Atlas } from '@/db/connection';

/** What a route needs: `public` (health, sign-in), `read`, `write` (edit, import, undo, share) or `admin`. */
export type Permission = 'public' | 'read' | 'write' | 'admin';

/**
 * Local mode (no users defined): whoever reaches the app is the local editor.
 * Team mode replaces this with a session or API-token check.
 */
export async function authorize(_atlas: Atlas, _request: Request, _permission: Permission): Promise<{ actor: string }> {
  return { actor: 'local' };
}
