import type { ImportJob, ImportJobError, ImportJobProgress, ImportJobState, ImportMode, ImportResult, OnError } from '../lib/csv/import-types';
import type { Executor } from './changes';
import type { ImportJobTable } from './types';

// The rows of import_jobs (migration 021): an import job's options, progress, heartbeat and outcome, so that any
// instance can answer for a job and a reload finds it. db/import-job-runner.ts runs the jobs and writes here.

/** A running job whose heartbeat is older than this is reported failed: the process running it is gone. */
export const STALE_AFTER_MS = 30_000;
/** Finished jobs are kept this long, then deleted when a later job starts. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

export interface JobCounts {
  bytesRead: number;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface JobStart {
  id: string;
  collection: string;
  actor: string;
  filename: string | null;
  mode: ImportMode;
  dryRun: boolean;
  onError: OnError;
  runner: string;
  batchId: string;
  bytesTotal: number;
  createdAt: string;
}

export interface JobEnd {
  state: Exclude<ImportJobState, 'running'>;
  counts: JobCounts;
  result: ImportResult | null;
  resultStatus: 200 | 422 | null;
  error: ImportJobError | null;
  startedAt: string | null;
  at: string;
}

export async function insertJob(db: Executor, job: JobStart): Promise<void> {
  await db.deleteFrom('import_jobs').where('state', '<>', 'running').where('created_at', '<', new Date(Date.parse(job.createdAt) - KEEP_MS).toISOString()).execute();
  await db
    .insertInto('import_jobs')
    .values({
      id: job.id,
      collection: job.collection,
      actor: job.actor,
      filename: job.filename,
      mode: job.mode,
      dry_run: job.dryRun ? 1 : 0,
      on_error: job.onError,
      state: 'running',
      runner: job.runner,
      batch_id: job.batchId,
      bytes_total: job.bytesTotal,
      bytes_read: 0,
      rows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      cancel_requested: 0,
      result: null,
      result_status: null,
      error: null,
      created_at: job.createdAt,
      started_at: null,
      updated_at: job.createdAt,
      finished_at: null,
    })
    .execute();
}

export const countValues = (counts: JobCounts) => ({
  bytes_read: counts.bytesRead,
  rows: counts.rows,
  inserted: counts.inserted,
  updated: counts.updated,
  unchanged: counts.unchanged,
  rejected: counts.rejected,
});

/** The heartbeat of a running job with its progress; answers whether someone asked to cancel it meanwhile. */
export async function beatJob(db: Executor, id: string, counts: JobCounts, startedAt: string | null): Promise<boolean> {
  const row = await db
    .updateTable('import_jobs')
    .set({ ...countValues(counts), started_at: startedAt, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  return Number(row?.cancel_requested ?? 0) === 1;
}

export async function endJob(db: Executor, id: string, end: JobEnd): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({
      ...countValues(end.counts),
      state: end.state,
      result: end.result ? JSON.stringify(end.result) : null,
      result_status: end.resultStatus,
      error: end.error ? JSON.stringify(end.error) : null,
      started_at: end.startedAt,
      updated_at: end.at,
      finished_at: end.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Ask the instance running a job to stop it (it looks at each heartbeat); false when the job is not running. */
export async function requestCancel(db: Executor, id: string): Promise<boolean> {
  const done = await db.updateTable('import_jobs').set({ cancel_requested: 1 }).where('id', '=', id).where('state', '=', 'running').executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}

export async function findJobRow(db: Executor, id: string): Promise<ImportJobTable | null> {
  return (await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Rows of jobs still marked running, newest first; only `owner`'s when given. */
export async function runningJobRows(db: Executor, owner: string | undefined, limit: number): Promise<ImportJobTable[]> {
  let query = db.selectFrom('import_jobs').selectAll().where('state', '=', 'running');
  if (owner !== undefined) query = query.where('actor', '=', owner);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Seconds left at the pace so far (bytes read since the import began reading), or null while unknown. */
export function etaSeconds(bytesRead: number, bytesTotal: number, startedAt: string | null, now = Date.now()): number | null {
  if (!startedAt || bytesRead <= 0 || bytesTotal <= 0) return null;
  const elapsed = (now - Date.parse(startedAt)) / 1000;
  if (elapsed < 0.5) return null;
  return Math.max(0, Math.round((elapsed * (bytesTotal - bytesRead)) / bytesRead));
}

export function progressOf(counts: JobCounts, bytesTotal: number, startedAt: string | null, running: boolean): ImportJobProgress {
  const fraction = bytesTotal > 0 ? Math.min(1, counts.bytesRead / bytesTotal) : running ? 0 : 1;
  return { ...counts, bytesTotal, fraction, etaSeconds: running ? etaSeconds(counts.bytesRead, bytesTotal, startedAt) : null };
}

const parse = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

/** The row as the API shows it; `live` overrides the stored state and counts (a job running in this process). */
export function jobView(row: ImportJobTable, override: Partial<Pick<ImportJob, 'state' | 'error' | 'result' | 'resultStatus' | 'finishedAt'>> = {}): ImportJob {
  const counts: JobCounts = {
    bytesRead: Number(row.bytes_read),
    rows: Number(row.rows),
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    rejected: Number(row.rejected),
  };
  const state = override.state ?? row.state;
  return {
    id: row.id,
    collection: row.collection,
    filename: row.filename,
    mode: row.mode,
    dryRun: Number(row.dry_run) === 1,
    onError: row.on_error,
    state,
    createdAt: row.created_at,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: override.finishedAt !== undefined ? override.finishedAt : row.finished_at,
    progress: progressOf(counts, Number(row.bytes_total), row.started_at, state === 'running'),
    cancelRequested: Number(row.cancel_requested) === 1,
    result: override.result !== undefined ? override.result : parse<ImportResult>(row.result),
    resultStatus: override.resultStatus !== undefined ? override.resultStatus : (row.result_status as 200 | 422 | null),
    error: override.error !== undefined ? override.error : parse<ImportJobError>(row.error),
  };
}

/** The committed batch of a job, if its import committed (a process can die between the commit and the job's last write). */
export async function committedBatch(db: Executor, batchId: string) {
  return (await db.selectFrom('imports').selectAll().where('id', '=', batchId).executeTakeFirst()) ?? null;
}
