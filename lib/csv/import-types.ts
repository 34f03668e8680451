import type { HeaderMap } from './mapping';
import type { Reason } from './reasons';

// The shapes shared by the import route, the data layer and the import page.

export type ImportMode = 'upsert' | 'insert';
export type OnError = 'abort' | 'skip';

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  onError: OnError;
  /** Investments: create companies (kind investor) for investor names that match none. */
  createMissing: boolean;
  /** Header → column id, or null to ignore the column; headers not named are matched automatically. */
  map: HeaderMap | null;
  /** Forced delimiter; detected when null. */
  delimiter: ',' | ';' | '\t' | null;
  /** Forced encoding label; sniffed when null. */
  encoding: string | null;
  filename: string | null;
  /** The batch id to record a commit under; a new one when absent (an import job chooses it beforehand). */
  batchId?: string;
  /** Called after each batch of rows is classified (and written), with the counts so far. */
  onProgress?: (soFar: Readonly<ImportResult>) => void;
  /** Checked between batches: once aborted, the import stops with the signal's reason and writes nothing. */
  signal?: AbortSignal;
}

export interface Rejection extends Reason {
  /** 1-based physical line where the record starts (header = line 1). */
  line: number;
  /** Column id, or null for a problem with the whole record (ragged row, quoting). */
  column: string | null;
  /** The cell as written in the file. */
  value: string | null;
}

export interface ImportResult {
  batchId: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Records rejected (one record can have several rejections). */
  rejectedRows: number;
  /** True when more rejections were found than are listed. */
  rejectedTruncated: boolean;
  /** Data records read (blank lines and the header not counted). */
  rows: number;
  dryRun: boolean;
  encoding: string;
  delimiter: string;
  lineEnding: string;
  /** Investor companies created (or, on a dry run, that would be created) for unknown names. */
  investorsCreated: number;
}

export interface ImportBatch {
  id: string;
  collection: string;
  at: string;
  actor: string;
  filename: string | null;
  mode: ImportMode;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  investorsCreated: number;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** How many rejections a response lists at most; the rest are only counted. */
export const MAX_LISTED_REJECTIONS = 5000;

/** A long import running in the background: `running` until it ends `done`, `failed` or `cancelled`. */
export type ImportJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportJobProgress {
  /** Bytes of the uploaded file read so far, of `bytesTotal`. */
  bytesRead: number;
  bytesTotal: number;
  /** Data records read, and how many of them are new, updated, unchanged or rejected so far. */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** bytesRead / bytesTotal, 0–1. */
  fraction: number;
  /** Seconds left at the pace so far; null until the pace is known. */
  etaSeconds: number | null;
}

export interface ImportJobError {
  /** The HTTP status the import would have answered at once (400, 413, 500, …). */
  status: number;
  code: string;
  message: string;
  param?: string;
}

export interface ImportJob {
  id: string;
  collection: string;
  filename: string | null;
  mode: ImportMode;
  dryRun: boolean;
  onError: OnError;
  state: ImportJobState;
  createdAt: string;
  /** When the import began reading the file (it may wait its turn behind another import); null before. */
  startedAt: string | null;
  updatedAt: string;
  finishedAt: string | null;
  progress: ImportJobProgress;
  cancelRequested: boolean;
  /** state done: the summary the import would have answered at once, and that answer's status (200, or 422 when rows were rejected under onError=abort and nothing was written). */
  result: ImportResult | null;
  resultStatus: 200 | 422 | null;
  /** state failed or cancelled: why. */
  error: ImportJobError | null;
}
