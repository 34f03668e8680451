import 'server-only';
import type { Atlas } from '@/db/connection';
import { hitRateLimit } from '@/db/rate-limits';
import { createShare, findShare, type ShareLink, type StoredShare } from '@/db/shares';
import { clientAddress } from '@/lib/auth/http';
import { getCollection, ownersOnly } from '@/lib/collections';
import { readEnv } from '@/lib/env';
import { ApiError, badRequest, notFound } from '@/lib/errors';
import { csvParams } from '@/lib/query/view-state';
import { isTokenShaped, parseSharePath, shareRequestSchema, type SharePath } from '@/lib/shares/target';
import { frozen, loadViewData } from '../../_views/load';
import type { BoardData } from '../../_views/board';
import type { TableData } from '../../_views/table';
import { exportCsv } from './csv-export';
import { json } from './respond';

// Making share links and answering their visitors (GET /api/v1/s/<token>, /s/<token>).

/** What a snapshot link stores: the view's data and, when the creator allows it, the table's CSV. */
export interface SnapshotPayload {
  data: unknown;
  csv: string | null;
}

export const SNAPSHOT_CSV_MAX_ROWS = 10_000;
const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024;

/** The CSV a table view downloads: every matching row (no paging) with its visible columns. */
export async function tableCsv(atlas: Atlas, origin: string, share: SharePath, data: TableData): Promise<Response> {
  if (share.target.kind !== 'table') throw notFound('only table views have a CSV download');
  const params = csvParams(share.params, data.visibleColumns);
  const segment = `${share.target.collection}.csv`;
  return exportCsv(new Request(new URL(`/api/v1/${segment}?${params}`, origin)), segment, atlas);
}

export async function createShareFromBody(atlas: Atlas, body: unknown, actor: string, origin: string, restrictedTo?: string): Promise<ShareLink> {
  const parsed = shareRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`${issue.path.join('.') || 'body'}: ${issue.message}`, issue.path.join('.') || undefined);
  }
  const input = parsed.data;
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) throw badRequest('expiresAt is in the past', 'expiresAt');
  const share = parseSharePath(input.path);
  // Owner-only rows (alert rules): a link's visitor would read them as whoever made it.
  if (share.target.kind === 'table' && ownersOnly(getCollection(share.target.collection))) throw badRequest(`${share.target.collection} cannot be shared: each row is its owner's alone`, 'path');
  const view = frozen(await loadViewData(atlas, share, restrictedTo));
  let csv: string | null = null;
  if (input.mode === 'snapshot' && input.allowCsv && share.target.kind === 'table') {
    const total = (view.data as TableData).page.total;
    if (total > SNAPSHOT_CSV_MAX_ROWS) {
      throw badRequest(`a snapshot with CSV download holds at most ${SNAPSHOT_CSV_MAX_ROWS.toLocaleString('en')} rows and this view matches ${total.toLocaleString('en')}: narrow the filters, share it live, or leave CSV download off`, 'allowCsv');
    }
    csv = await (await tableCsv(atlas, origin, share, view.data as TableData)).text();
  }
  const payload: SnapshotPayload = { data: view.data, csv };
  if (input.mode === 'snapshot' && view.json.length + (csv?.length ?? 0) > MAX_SNAPSHOT_BYTES) {
    throw badRequest('this view holds too much data for a snapshot (over 8 MB): show fewer rows per page or share it live', 'mode');
  }
  const title = input.title ?? defaultTitle(share, view.data);
  return createShare(atlas.db, { path: share.path, title, mode: input.mode, allowCsv: input.allowCsv, expiresAt: input.expiresAt, payload, dataHash: view.hash }, actor);
}

function defaultTitle(share: SharePath, data: unknown): string {
  const { target } = share;
  if (target.kind === 'table') return getCollection(target.collection).label.en;
  if (target.kind === 'hypothesis') return `Hypothesis ${target.id}`;
  if (target.kind === 'board') return `Board ${(data as BoardData).board.title}`.slice(0, 200);
  return { home: 'Dashboard', concentration: 'Market concentration', compare: 'Scenario comparison', 'market-map': 'Market map', network: 'Co-investor network', timeline: 'Timeline' }[target.kind];
}

/**
 * Count a share-link view against the client's address (ATLAS_SHARE_RATE per minute, counted in the database
 * so the limit holds across instances): null while allowed, else the 429 to answer, with Retry-After.
 */
export async function shareViewLimited(atlas: Atlas, request: Request): Promise<Response | null> {
  const limit = readEnv().ATLAS_SHARE_RATE;
  const wait = await hitRateLimit(atlas.db, `share:${clientAddress(request.headers)}`, { limit, windowMs: 60_000 });
  if (wait === null) return null;
  const message = `too many shared-link views from this address (over ${limit} a minute): try again in ${wait} s`;
  return json({ error: { code: 'rate_limited', message, retryAfter: wait } }, 429, { 'Retry-After': String(wait), 'Cache-Control': 'no-store' });
}

/** The link of a token that may be viewed now: 404 unknown, 410 revoked or expired. */
export async function activeShare(atlas: Atlas, token: string): Promise<StoredShare> {
  const link = isTokenShaped(token) ? await findShare(atlas.db, token) : null;
  if (!link) throw notFound('no shared link has this address');
  if (link.status === 'revoked') throw new ApiError(410, `this shared link was revoked on ${link.revokedAt}`);
  if (link.status === 'expired') throw new ApiError(410, `this shared link expired on ${link.expiresAt}`);
  return link;
}

/** The data a link shows now: frozen for a snapshot, loaded for a live link. */
export async function dataOf(atlas: Atlas, link: StoredShare): Promise<{ share: SharePath; data: unknown; hash: string; asOf: string; csv: string | null }> {
  const share = parseSharePath(link.path);
  if (link.mode === 'snapshot') {
    const payload = link.payload as SnapshotPayload;
    return { share, data: payload.data, hash: link.dataHash ?? frozen(payload.data).hash, asOf: link.createdAt, csv: payload.csv };
  }
  const view = frozen(await loadViewData(atlas, share));
  return { share, data: view.data, hash: view.hash, asOf: new Date().toISOString(), csv: null };
}
