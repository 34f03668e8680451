import { createFirstAdmin } from '@/db/users';
import { parseBody, setupSchema } from '@/lib/auth/schemas';
import { handle, readJson } from '../../_lib/respond';
import { startSession } from '../../_lib/sign-in';

export const dynamic = 'force-dynamic';

/** First-run setup: `{ email, password }` creates the first admin and signs them in (201); 409 once any user exists. */
export async function POST(request: Request) {
  return handle(request, 'public', async ({ atlas }) => {
    const body = parseBody(setupSchema, await readJson(request));
    const admin = await createFirstAdmin(atlas, body);
    return startSession(atlas, request, admin, 201);
  });
}
