import { sql } from 'kysely';
import { hashPassword } from '../lib/auth/password';
import type { AuthUser, Role } from '../lib/auth/roles';
import type { NewUser, UserPatch } from '../lib/auth/schemas';
import { randomId } from '../lib/auth/tokens';
import { ApiError, notFound } from '../lib/errors';
import type { Executor } from './changes';
import type { Atlas } from './connection';
import type { UserTable } from './auth-types';

// Users of team mode. The app is in local mode (no sign-in) exactly while this table is empty.

export interface UserView extends AuthUser {
  disabledAt: string | null;
  createdAt: string;
}

const toView = (row: UserTable): UserView => ({ id: row.id, email: row.email, role: row.role, disabledAt: row.disabled_at, createdAt: row.created_at });

/** True once any user exists (team mode), whether or not they are disabled. */
export async function hasUsers(db: Executor): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserTable | null> {
  return (await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()) ?? null;
}

export async function getUser(db: Executor, id: string): Promise<UserView | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

export async function listUsers(db: Executor): Promise<UserView[]> {
  return (await db.selectFrom('users').selectAll().orderBy('email').execute()).map(toView);
}

const emailTaken = (email: string) => new ApiError(409, `a user with the email ${email} already exists`, { param: 'email' });

/** Insert a user whose password is already hashed (hashing is slow: never inside the transaction). */
async function insertUser(trx: Executor, user: { email: string; passwordHash: string; role: Role }): Promise<UserView> {
  if (await findUserByEmail(trx, user.email)) throw emailTaken(user.email);
  const now = new Date().toISOString();
  const row: UserTable = { id: randomId('usr'), email: user.email, password_hash: user.passwordHash, role: user.role, disabled_at: null, created_at: now, updated_at: now };
  await trx.insertInto('users').values(row).execute();
  return toView(row);
}

/** Add a user (the email is unique, lower-cased). The very first user must be an admin, or nobody could manage users. */
export async function createUser(atlas: Atlas, user: NewUser): Promise<UserView> {
  const passwordHash = await hashPassword(user.password);
  try {
    return await atlas.db.transaction().execute(async (trx) => {
      if (user.role !== 'admin' && !(await hasUsers(trx))) throw new ApiError(409, 'the first user must be an admin, who can then add the others', { param: 'role' });
      return insertUser(trx, { email: user.email, passwordHash, role: user.role });
    });
  } catch (error) {
    throw isUniqueViolation(error) ? emailTaken(user.email) : error;
  }
}

/** The first admin, from the setup page: only while no user exists (a second attempt is 409). */
export async function createFirstAdmin(atlas: Atlas, user: { email: string; password: string }): Promise<UserView> {
  const passwordHash = await hashPassword(user.password);
  return atlas.db.transaction().execute(async (trx) => {
    // Two setups racing on PostgreSQL would both see an empty table; the lock makes the second one wait and see the first.
    if (atlas.dialect === 'postgres') await sql`lock table users in share row exclusive mode`.execute(trx);
    if (await hasUsers(trx)) throw new ApiError(409, 'setup is closed: users exist already; sign in, and ask an admin to add you');
    return insertUser(trx, { email: user.email, passwordHash, role: 'admin' });
  });
}

async function activeAdmins(trx: Executor): Promise<string[]> {
  const rows = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

/**
 * Change a user's role, disable or re-enable them, or set a new password. Disabling or a new password ends
 * their sessions; the last active admin can be neither demoted nor disabled.
 */
export async function updateUser(atlas: Atlas, id: string, patch: UserPatch): Promise<UserView> {
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  return atlas.db.transaction().execute(async (trx) => {
    if (atlas.dialect === 'postgres') await sql`lock table users in share row exclusive mode`.execute(trx);
    const current = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound(`no user with id "${id}"`);
    const now = new Date().toISOString();
    const role: Role = patch.role ?? current.role;
    const disabledAt = patch.disabled === undefined ? current.disabled_at : patch.disabled ? (current.disabled_at ?? now) : null;
    const losesAdmin = current.role === 'admin' && current.disabled_at === null && (role !== 'admin' || disabledAt !== null);
    if (losesAdmin && (await activeAdmins(trx)).length <= 1) {
      throw new ApiError(409, 'this is the last active admin: make another user an admin first', { param: patch.role ? 'role' : 'disabled' });
    }
    await trx
      .updateTable('users')
      .set({ role, disabled_at: disabledAt, updated_at: now, ...(passwordHash ? { password_hash: passwordHash } : {}) })
      .where('id', '=', id)
      .execute();
    if (disabledAt !== null || passwordHash) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return toView({ ...current, role, disabled_at: disabledAt, updated_at: now });
  });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
