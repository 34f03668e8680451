import { randomToken, sha256 } from '../lib/auth/tokens';
import { statusOf, type ShareMode, type ShareStatus } from '../lib/shares/target';
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './changes';
import type { ShareLinkTable } from './types';

// Share links: made, listed, looked up (by the SHA-256 of the token, so timing reveals nothing of it),
// counted when opened, revoked. What a link shows is computed by app/_views; this module only stores.

export interface ShareLink {
  token: string;
  url: string;
  path: string;
  title: string;
  mode: ShareMode;
  allowCsv: boolean;
  dataHash: string | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  views: number;
  lastViewedAt: string | null;
  status: ShareStatus;
}

/** A link with its frozen data (snapshot links). */
export interface StoredShare extends ShareLink {
  payload: unknown;
}

type Row = Omit<Selectable<ShareLinkTable>, 'views' | 'id'> & { views: number | string };

function toLink(row: Row, now = new Date()): ShareLink {
  return {
    token: row.token,
    url: `/s/${row.token}`,
    path: row.path,
    title: row.title,
    mode: row.mode,
    allowCsv: Boolean(Number(row.allow_csv)),
    dataHash: row.data_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    views: Number(row.views),
    lastViewedAt: row.last_viewed_at,
    status: statusOf(row, now),
  };
}

export interface NewShare {
  path: string;
  title: string;
  mode: ShareMode;
  allowCsv: boolean;
  expiresAt: string | null;
  /** Snapshot links: the data to freeze (JSON-serialisable) and its hash. */
  payload: unknown;
  dataHash: string | null;
}

export async function createShare(db: Executor, input: NewShare, actor: string, now = new Date()): Promise<ShareLink> {
  const token = randomToken(); // 256 bits from the operating system's CSPRNG
  const row: Insertable<ShareLinkTable> & Row = {
    id: sha256(token),
    token,
    path: input.path,
    title: input.title,
    mode: input.mode,
    allow_csv: input.allowCsv ? 1 : 0,
    payload: input.mode === 'snapshot' ? JSON.stringify(input.payload) : null,
    data_hash: input.dataHash,
    created_at: now.toISOString(),
    created_by: actor,
    expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    revoked_at: null,
    views: 0,
    last_viewed_at: null,
  };
  await db.insertInto('share_links').values(row).execute();
  return toLink(row, now);
}

const LINK_COLUMNS = ['token', 'id', 'path', 'title', 'mode', 'allow_csv', 'data_hash', 'created_at', 'created_by', 'expires_at', 'revoked_at', 'views', 'last_viewed_at'] as const;

export async function listShares(db: Executor, now = new Date()): Promise<ShareLink[]> {
  const rows = await db
    .selectFrom('share_links')
    .select(LINK_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => toLink({ ...row, payload: null }, now));
}

/** The link of a token, whatever its status, or null when no link has that token. */
export async function findShare(db: Executor, token: string, now = new Date()): Promise<StoredShare | null> {
  const row = await db.selectFrom('share_links').selectAll().where('id', '=', sha256(token)).executeTakeFirst();
  if (!row) return null;
  return { ...toLink(row, now), payload: row.payload === null ? null : JSON.parse(row.payload) };
}

/** The same without the snapshot's data, for callers that only check or count a link. */
export async function findShareLink(db: Executor, token: string, now = new Date()): Promise<ShareLink | null> {
  const row = await db.selectFrom('share_links').select(LINK_COLUMNS).where('id', '=', sha256(token)).executeTakeFirst();
  return row ? toLink({ ...row, payload: null }, now) : null;
}

export async function recordView(db: Executor, token: string, now = new Date()): Promise<void> {
  await db
    .updateTable('share_links')
    .set((eb) => ({ views: eb('views', '+', 1), last_viewed_at: now.toISOString() }))
    .where('id', '=', sha256(token))
    .execute();
}

/** Revoke a link; false when there is no such link. Revoking twice keeps the first time. */
export async function revokeShare(db: Executor, token: string, now = new Date()): Promise<boolean> {
  const id = sha256(token);
  const result = await db.updateTable('share_links').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return true;
  return Boolean(await db.selectFrom('share_links').select('id').where('id', '=', id).executeTakeFirst());
}
