import { z } from 'zod';
import { COLLECTION_IDS } from '../collections';
import { parseAppPath, type AppPath, type ViewTarget } from './app-path';

// What a share link may point at: a view of this app, named by its path and query (lib/shares/app-path.ts).

export type ShareTarget = ViewTarget;
export type SharePath = AppPath;
export { MAX_PATH_LENGTH } from './app-path';

/** A path of this app that can be shared, or a 400 that says why not. */
export function parseSharePath(raw: string): SharePath {
  return parseAppPath(raw, COLLECTION_IDS);
}

export const SHARE_MODES = ['live', 'snapshot'] as const;
export type ShareMode = (typeof SHARE_MODES)[number];

/** POST /api/v1/shares */
export const shareRequestSchema = z
  .object({
    path: z.string().min(1),
    title: z.string().trim().min(1, 'title must not be empty').max(200, 'title is longer than 200 characters').optional(),
    mode: z.enum(SHARE_MODES).default('live'),
    expiresAt: z.iso.datetime({ offset: true, message: 'expiresAt must be an ISO date-time (e.g. 2026-12-31T00:00:00Z) or null' }).nullable().default(null),
    allowCsv: z.boolean().default(false),
  })
  .strict();

export type ShareRequest = z.infer<typeof shareRequestSchema>;

/** A share token as it appears in a URL: base64url of ≥ 128 bits (we make 256). */
export const isTokenShaped = (token: string): boolean => /^[A-Za-z0-9_-]{22,64}$/.test(token);

export type ShareStatus = 'active' | 'expired' | 'revoked';

export function statusOf(link: { revoked_at: string | null; expires_at: string | null }, now = new Date()): ShareStatus {
  if (link.revoked_at) return 'revoked';
  if (link.expires_at && Date.parse(link.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

export { describeParams } from './describe-params';

/** Set when a browser opens /s/<token>: from then on it may open that view only (unless someone signs in). */
export const VISITOR_COOKIE = 'atlas_visitor';

/** The API calls a share-link visitor may make: its link's data and CSV, health, and signing in or out. */
export function visitorMayCall(method: string, pathname: string, token: string): boolean {
  if (pathname === '/api/v1/session') return true;
  if (!['GET', 'HEAD'].includes(method.toUpperCase())) return false;
  return pathname === '/api/health' || pathname === `/api/v1/s/${token}` || pathname === `/api/v1/s/${token}.csv`;
}
