import { createUser, listUsers } from '@/db/users';
import { newUserSchema, parseBody } from '@/lib/auth/schemas';
import { handle, json, readJson } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Every user (admins only): `{ rows: [ { id, email, role, disabledAt, createdAt } ] }`. */
export async function GET(request: Request) {
  return handle(request, 'admin', async ({ atlas }) => json({ rows: await listUsers(atlas.db) }));
}

/** Add a user `{ email, password, role }` (admins only) → 201; 409 when the email is taken. */
export async function POST(request: Request) {
  return handle(request, 'admin', async ({ atlas }) => json(await createUser(atlas, parseBody(newUserSchema, await readJson(request))), 201));
}
