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
