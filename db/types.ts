import type { Generated, Kysely } from 'kysely';
import type { AlertTables } from './alert-types';
import type { AuthTables } from './auth-types';

// Table types for the queries written by hand. The collection tables are reached through the
// registry-driven builder (db/rows.ts), which sees them as `AnyTable`; so are the link tables and their kept
// counts, declared in the registry (db/relations.ts).

export type AnyTable = Record<string, unknown>;

export interface ChangeTable {
  id: Generated<number>;
  at: string;
  actor: string;
  collection: string;
  row_id: string;
  action: 'create' | 'update' | 'delete' | 'import' | 'restore';
  before: string | null;
  after: string | null;
  batch_id: string | null;
}

export interface EvidenceTable {
  id: string;
  hypothesis_id: string;
  target_collection: string | null;
  target_id: string | null;
  url: string | null;
  stance: 'supports' | 'contradicts' | 'context';
  note: string | null;
  note_zh: string | null;
  created_at: string;
  updated_at: string;
}

export interface ShareLinkTable {
  /** SHA-256 of the token: the lookup key. */
  id: string;
  token: string;
  path: string;
  title: string;
  mode: 'live' | 'snapshot';
  allow_csv: number;
  /** Snapshot links: the view's data as JSON, frozen when the link was made. */
  payload: string | null;
  data_hash: string | null;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  views: Generated<number>;
  last_viewed_at: string | null;
}

export interface ImportTable {
  id: string;
  collection: string;
  at: string;
  actor: string;
  filename: string | null;
  mode: 'upsert' | 'insert';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  investors_created: number;
  undone_at: string | null;
  undone_by: string | null;
  /** The created_at/updated_at of the rows the batch created (migration 020; null before it). */
  rows_at: string | null;
}

/** The ids of rows an import batch created, a JSON list per entry (migration 020). */
export interface ImportRowsTable {
  batch_id: string;
  seq: number;
  collection: string;
  ids: string;
}

export interface ImportJobTable {
  id: string;
  collection: string;
  actor: string;
  filename: string | null;
  mode: 'upsert' | 'insert';
  dry_run: number;
  on_error: 'abort' | 'skip';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  runner: string;
  batch_id: string;
  bytes_total: number;
  bytes_read: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  cancel_requested: number;
  result: string | null;
  result_status: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  updated_at: string;
  finished_at: string | null;
}

export interface Database extends AuthTables, AlertTables {
  companies: AnyTable;
  investments: AnyTable;
  use_cases: AnyTable;
  market_shares: AnyTable;
  events: AnyTable;
  hypotheses: AnyTable;
  scenarios: AnyTable;
  /** Rounds per value of each facet column of investments, a null kept as '' (migration 009). */
  investment_facet_counts: { column_id: string; value: string; rounds: number };
  changes: ChangeTable;
  evidence: EvidenceTable;
  share_links: ShareLinkTable;
  imports: ImportTable;
  import_jobs: ImportJobTable;
  import_rows: ImportRowsTable;
}

/** The view of the database used for registry-driven queries on any collection table. */
export type DynamicDb = Record<string, AnyTable>;
export const dynamic = (db: Kysely<Database>) => db as unknown as Kysely<DynamicDb>;
