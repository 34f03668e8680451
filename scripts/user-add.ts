// npm run user:add -- --email E --password P --role viewer|editor|admin
// Adds a user to the database of DATABASE_URL (default: the embedded SQLite file). The first user turns on
// team mode, and must be an admin. Exit codes: 0 added, 2 bad arguments, 3 refused (email taken, first user
// not an admin), 1 anything else (database unreachable, …).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { closeAtlas, getAtlas } from '../db/connection';
import { createUser } from '../db/users';
import { newUserSchema } from '../lib/auth/schemas';
import { ApiError } from '../lib/errors';

const USAGE = 'usage: npm run user:add -- --email someone@example.com --password "at least 10 characters" --role viewer|editor|admin';

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    fail(2, `${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const parsed = newUserSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i: z.core.$ZodIssue) => `  --${i.path.join('.') || 'arguments'}: ${i.message}`);
    fail(2, `cannot add the user:\n${problems.join('\n')}\n${USAGE}`);
  }
  // The app's own start-up path: migrate (and, unless ATLAS_SEED=off, seed an empty database) first.
  const atlas = await getAtlas();
  try {
    const user = await createUser(atlas, parsed.data);
    console.log(`added ${user.role} ${user.email} (${atlas.dialect}); team mode is on: everyone signs in from now on`);
  } catch (error) {
    if (error instanceof ApiError) fail(3, `cannot add the user: ${error.message}`);
    throw error;
  } finally {
    await closeAtlas();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
