import { z } from 'zod';
import { unprocessable } from '../errors';
import { ROLES } from './roles';

// The shapes of what people send to the sign-in, setup, user and token endpoints (and the CLI).

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'an email address is at most 254 characters')
  .pipe(z.email('not a valid email address'));

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD, `a password needs at least ${MIN_PASSWORD} characters`)
  .max(MAX_PASSWORD, `a password is at most ${MAX_PASSWORD} characters`);

export const roleSchema = z.enum(ROLES, `a role is one of: ${ROLES.join(', ')}`);

/** Sign-in checks only the shape: any password text is compared, so the rules for new ones do not leak. */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'enter your email address').max(254),
  password: z.string().min(1, 'enter your password').max(MAX_PASSWORD),
});

export const setupSchema = z.object({ email: emailSchema, password: newPasswordSchema });

export const newUserSchema = z.object({ email: emailSchema, password: newPasswordSchema, role: roleSchema });

export const userPatchSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: newPasswordSchema.optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, 'send role, disabled or password');

export const newTokenSchema = z.object({
  name: z.string().trim().min(1, 'give the token a name, e.g. the script that uses it').max(100, 'a token name is at most 100 characters'),
});

export type NewUser = z.infer<typeof newUserSchema>;
export type UserPatch = z.infer<typeof userPatchSchema>;

/** Parse a request body with a schema; failures are a 422 listing each field's problem (as writes are). */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
  throw unprocessable(issues.map((i) => (i.path === '(body)' ? i.message : `${i.path}: ${i.message}`)).join('; '), issues);
}
