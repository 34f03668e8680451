// Roles and what each may do. Pure data: the server enforces it in app/api/_lib/access.ts and app/_lib/auth.ts.

/** What a route or page needs: `public` (health, sign-in), `read`, `write` (edit, import, undo, share) or `admin`. */
export type Permission = 'public' | 'read' | 'write' | 'admin';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['public', 'read'],
  editor: ['public', 'read', 'write'],
  admin: ['public', 'read', 'write', 'admin'],
};

export const allows = (role: Role, permission: Permission): boolean => GRANTS[role].includes(permission);

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** The least role that has a permission, for messages ("needs the editor role"). */
export const roleFor = (permission: Permission): Role | null =>
  permission === 'public' ? null : (ROLES.find((role) => allows(role, permission)) ?? null);

/** A signed-in person as the app sees them (never the password hash). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}
