import type { Role } from '../lib/auth/roles';

// Table types of team mode (migration 2026-11-28-003-team); part of `Database` in db/types.ts.

export interface UserTable {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SignInAttemptTable {
  key: string;
  count: number;
  window_start: string;
}

/** A fixed-window request counter (db/rate-limits.ts). */
export interface RateLimitTable {
  key: string;
  count: number;
  window_start: string;
}

export interface AuthTables {
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_attempts: SignInAttemptTable;
  rate_limits: RateLimitTable;
}
