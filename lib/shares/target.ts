import { z } from 'zod';
import { COLLECTION_IDS } from '../collections';
import { badRequest } from '../errors';

// What a share link may point at: a view of this app, named by its path and query. Only the views below
// can be shared; anything else (another site, an editing page, the API) is refused by name.

export type ShareTarget =
  | { kind: 'table'; collection: string }
  | { kind: 'concentration' }
  | { kind: 'home' }
  | { kind: 'hypothesis'; id: string }
  | { kind: 'compare' };

export interface SharePath {
  target: ShareTarget;
  /** Pathname and query as the app will render them (normalised, no fragment). */
  path: string;
  params: URLSearchParams;
}

export const MAX_PATH_LENGTH = 2000;
const BASE = 'http://atlas.invalid';
const SHAREABLE = 'tables (/companies, /investments, …), /concentration, the dashboard (/), a hypothesis (/hypotheses/<id>) and a scenario comparison (/scenarios/compare)';

function targetOf(pathname: string): ShareTarget | null {
  const parts = pathname.split('/').slice(1);
  if (pathname === '/') return { kind: 'home' };
  if (parts.length === 1 && parts[0] === 'concentration') return { kind: 'concentration' };
  if (parts.length === 1 && (COLLECTION_IDS as readonly string[]).includes(parts[0])) return { kind: 'table', collection: parts[0] };
  if (parts.length === 2 && parts[0] === 'scenarios' && parts[1] === 'compare') return { kind: 'compare' };
  if (parts.length === 2 && parts[0] === 'hypotheses' && parts[1] && parts[1] !== 'new') {
    let id: string;
    try {
      id = decodeURIComponent(parts[1]);
    } catch {
      return null;
    }
    return { kind: 'hypothesis', id };
  }
  return null;
}

/** A path of this app that can be shared, or a 400 that says why not. */
export function parseSharePath(raw: string): SharePath {
  if (raw.length > MAX_PATH_LENGTH) throw badRequest(`path is longer than ${MAX_PATH_LENGTH} characters`, 'path');
  // Only a path of this app: "/x", never "//host", "http:", "\\host" or control characters.
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) {
    throw badRequest('path must be a path of this app starting with "/" (another site cannot be shared)', 'path');
  }
  const url = new URL(raw, BASE);
  if (url.origin !== BASE) throw badRequest('path must be a path of this app', 'path');
  const target = targetOf(url.pathname);
  if (!target) throw badRequest(`"${url.pathname.slice(0, 80)}" cannot be shared: share links cover ${SHAREABLE}`, 'path');
  url.searchParams.delete('_rsc');
  const query = url.searchParams.toString();
  return { target, path: `${url.pathname}${query ? `?${query}` : ''}`, params: url.searchParams };
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

/** The filters and settings of a shared path in words a report can quote ("layer = foundation; sort …"). */
export function describeParams(params: URLSearchParams): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    if (key === 'columns') continue;
    const [column, op] = key.split('__');
    const sign = op === 'gte' ? '≥' : op === 'lte' ? '≤' : op === 'gt' ? '>' : op === 'lt' ? '<' : op === 'ne' ? '≠' : op ? op : '=';
    parts.push(`${column} ${sign} ${value}`);
  }
  return parts.join('; ');
}

/** Set when a browser opens /s/<token>: from then on it may open that view only (unless someone signs in). */
export const VISITOR_COOKIE = 'atlas_visitor';

/** The API calls a share-link visitor may make: its link's data and CSV, health, and signing in or out. */
export function visitorMayCall(method: string, pathname: string, token: string): boolean {
  if (pathname === '/api/v1/session') return true;
  if (!['GET', 'HEAD'].includes(method.toUpperCase())) return false;
  return pathname === '/api/health' || pathname === `/api/v1/s/${token}` || pathname === `/api/v1/s/${token}.csv`;
}
