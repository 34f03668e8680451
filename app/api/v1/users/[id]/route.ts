import { updateUser } from '@/db/users';
import { parseBody, userPatchSchema } from '@/lib/auth/schemas';
import { handle, json, readJson } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Change a user (admins only): `{ role?, disabled?, password? }` → 200 the user; 409 for the last active admin. */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'admin', async ({ atlas }) => json(await updateUser(atlas, (await params).id, parseBody(userPatchSchema, await readJson(request)))));
}
