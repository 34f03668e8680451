import { createHash, randomBytes } from 'node:crypto';

// Secrets handed to people (session cookies, API tokens) are ≥ 128 random bits in base64url; the database
// keeps only their SHA-256, so a leaked database does not leak working credentials.

/** 256 random bits, base64url (43 characters). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** API tokens carry a prefix so that a person (or a secret scanner) recognises one in a script. */
export const API_TOKEN_PREFIX = 'atlas_';
export const newApiToken = (): string => `${API_TOKEN_PREFIX}${randomToken()}`;

/** A short random id for rows that are not secrets (users, token rows). */
export const randomId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`;

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The bearer token of an Authorization header, or null (a malformed header is treated as none given). */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_\-.~+/]+=*)\s*$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}
