import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Collection } from '../lib/collections/types';
import { TextSource } from '../lib/csv/decode';
import type { ImportJob, ImportJobError, ImportOptions, ImportResult } from '../lib/csv/import-types';
import { ApiError } from '../lib/errors';
import type { Atlas } from './connection';
import { newBatchId, runImport } from './import';
import { beatJob, committedBatch, countValues, endJob, findJobRow, insertJob, runningJobRows, jobView, requestCancel, STALE_AFTER_MS, type JobCounts, type JobStart } from './import-jobs';
import type { ImportJobTable } from './types';

// Import jobs: an uploaded file (already spooled to disk) imported in the background of this process, its progress
// kept in memory and in import_jobs (docs/decisions/031-import-jobs.md). On PostgreSQL the job beats every second
// (progress, heartbeat, and a cancel asked for on another instance); on SQLite the import holds the only writer, so
// the row is written when the job starts and ends, and this process answers for the job from memory meanwhile.

const HEARTBEAT_MS = 1000;
// better-sqlite3 works synchronously: the process answers other requests only between two reads of the file. A
// 16 KB read (a few hundred rows) keeps that wait short (event-loop lag p95 ~60 ms against ~175 ms at 64 KB).
const READ_CHUNK = 16 * 1024;
const CANCEL_WAIT_MS = 5000;

/** Why a job was stopped before it ended: `signal.reason` of its AbortController. */
class Stop {
  constructor(readonly kind: 'cancel' | 'shutdown') {}
}

export type JobOutcome =
  | { state: 'done'; result: ImportResult; status: 200 | 422 }
  | { state: 'failed'; error: ImportJobError; thrown: unknown }
  | { state: 'cancelled'; error: ImportJobError };

export interface SpooledFile {
  path: string;
  bytes: number;
}

export interface JobInput {
  collection: Collection;
  options: ImportOptions;
  actor: string;
  file: SpooledFile;
  maxBytes: number;
}

export interface LiveJob {
  readonly start: JobStart;
  counts: JobCounts;
  startedAt: string | null;
  cancelRequested: boolean;
  outcome: JobOutcome | null;
  finishedAt: string | null;
  readonly controller: AbortController;
  /** Resolves once the job's row exists. */
  readonly recorded: Promise<void>;
  /** Resolves with the outcome once the job has ended and its row says so. */
  readonly settled: Promise<JobOutcome>;
}

interface Registry {
  /** This process, as import_jobs.runner names it. */
  runner: string;
  jobs: Map<string, LiveJob>;
  /** For scripts/serve.mjs: jobs running now, and stopping them all at shutdown. */
  running: () => number;
  cut: () => Promise<void>;
}

// On globalThis: Next.js may load this module once per route bundle, and scripts/serve.mjs looks for it there.
const holder = globalThis as typeof globalThis & { __atlasImportJobs?: Registry };

function registry(): Registry {
  if (!holder.__atlasImportJobs) {
    const jobs = new Map<string, LiveJob>();
    holder.__atlasImportJobs = {
      runner: `${process.pid}-${randomBytes(6).toString('hex')}`,
      jobs,
      running: () => jobs.size,
      cut: async () => {
        for (const job of jobs.values()) job.controller.abort(new Stop('shutdown'));
        await Promise.allSettled([...jobs.values()].map((job) => job.settled));
      },
    };
  }
  return holder.__atlasImportJobs;
}

export const JOB_ID = /^job-[0-9a-f]{32}$/;
const newJobId = () => `job-${randomBytes(16).toString('hex')}`;
const INTERRUPTED: ImportJobError = { status: 503, code: 'interrupted', message: 'the server running this import stopped before it finished; nothing was imported' };
const CANCELLED: ImportJobError = { status: 409, code: 'cancelled', message: 'the import was cancelled; nothing was imported' };

function countsOf(result: Readonly<ImportResult>, bytesRead: number): JobCounts {
  return { bytesRead, rows: result.rows, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, rejected: result.rejectedRows };
}

function outcomeOfError(error: unknown, signal: AbortSignal): JobOutcome {
  if (signal.aborted && signal.reason instanceof Stop) return signal.reason.kind === 'cancel' ? { state: 'cancelled', error: CANCELLED } : { state: 'failed', error: INTERRUPTED, thrown: error };
  if (error instanceof ApiError) {
    const { code, message, param } = error.toBody().error as ImportJobError;
    return { state: 'failed', error: { status: error.status, code, message, ...(param ? { param } : {}) }, thrown: error };
  }
  console.error(error);
  return { state: 'failed', error: { status: 500, code: 'internal', message: 'internal error: the import was not completed; nothing was imported' }, thrown: error };
}

/** The bytes of a file, read a chunk at a time as the import asks for them. */
function fileBytes(file: string): ReadableStream<Uint8Array> {
  let handle: fs.promises.FileHandle | null = null;
  const close = async () => {
    const open = handle;
    handle = null;
    await open?.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      handle ??= await fs.promises.open(file, 'r');
      const buffer = new Uint8Array(READ_CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
      if (bytesRead > 0) return controller.enqueue(buffer.subarray(0, bytesRead));
      await close();
      controller.close();
    },
    cancel: close,
  });
}

async function beat(atlas: Atlas, job: LiveJob): Promise<void> {
  try {
    if (await beatJob(atlas.db, job.start.id, job.counts, job.startedAt)) {
      job.cancelRequested = true;
      job.controller.abort(new Stop('cancel'));
    }
  } catch (error) {
    console.error(error);
  }
}

async function run(atlas: Atlas, job: LiveJob, input: JobInput): Promise<JobOutcome> {
  const { signal } = job.controller;
  let heartbeat: NodeJS.Timeout | null = null;
  let beating: Promise<void> | null = null;
  try {
    await job.recorded;
    signal.throwIfAborted();
    const source = new TextSource(fileBytes(input.file.path), { encoding: input.options.encoding, maxBytes: input.maxBytes });
    async function* text() {
      for await (const chunk of source.text()) {
        job.startedAt ??= new Date().toISOString();
        job.counts = { ...job.counts, bytesRead: source.bytes };
        yield chunk;
      }
    }
    if (atlas.dialect === 'postgres') {
      heartbeat = setInterval(() => {
        beating ??= beat(atlas, job).finally(() => (beating = null));
      }, HEARTBEAT_MS);
    }
    const onProgress = (soFar: Readonly<ImportResult>) => (job.counts = countsOf(soFar, source.bytes));
    const options = { ...input.options, batchId: job.start.batchId, signal, onProgress };
    const result = { ...(await runImport(atlas, input.collection, text(), options, { actor: job.start.actor })), encoding: source.encoding ?? 'utf-8' };
    job.counts = countsOf(result, source.bytes);
    const aborted = !result.dryRun && input.options.onError === 'abort' && result.rejectedRows > 0;
    return { state: 'done', result, status: aborted ? 422 : 200 };
  } catch (error) {
    return outcomeOfError(error, signal);
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    await beating;
  }
}

async function finish(atlas: Atlas, job: LiveJob, outcome: JobOutcome): Promise<JobOutcome> {
  job.outcome = outcome;
  job.finishedAt = new Date().toISOString();
  const end = {
    state: outcome.state,
    counts: job.counts,
    result: outcome.state === 'done' ? outcome.result : null,
    resultStatus: outcome.state === 'done' ? outcome.status : null,
    error: outcome.state === 'done' ? null : outcome.error,
    startedAt: job.startedAt,
    at: job.finishedAt,
  };
  await endJob(atlas.db, job.start.id, end).catch((error: unknown) => console.error(error));
  return outcome;
}

/** Start importing a spooled file in the background; the job's row is written as it starts. */
export function startImportJob(atlas: Atlas, input: JobInput): LiveJob {
  const jobs = registry();
  const { options } = input;
  const start: JobStart = {
    id: newJobId(),
    collection: input.collection.id,
    actor: input.actor,
    filename: options.filename,
    mode: options.mode,
    dryRun: options.dryRun,
    onError: options.onError,
    runner: jobs.runner,
    batchId: newBatchId(),
    bytesTotal: input.file.bytes,
    createdAt: new Date().toISOString(),
  };
  const zero = { bytesRead: 0, rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const recorded = insertJob(atlas.db, start);
  // A caller that stops waiting (the request answered 202) must not leave a rejection unhandled: run() reports it.
  recorded.catch(() => undefined);
  let settle: (outcome: JobOutcome) => void = () => undefined;
  const settled = new Promise<JobOutcome>((resolve) => (settle = resolve));
  const job: LiveJob = { start, counts: zero, startedAt: null, cancelRequested: false, outcome: null, finishedAt: null, controller: new AbortController(), recorded, settled };
  jobs.jobs.set(start.id, job);
  void run(atlas, job, input)
    .then((outcome) => finish(atlas, job, outcome))
    .then(async (outcome) => {
      await fs.promises.rm(input.file.path, { force: true }).catch((error: unknown) => console.error(error));
      jobs.jobs.delete(start.id);
      settle(outcome);
    });
  return job;
}

/** The outcome if the job ends within `ms`, else null (it goes on). */
export async function outcomeWithin(job: LiveJob, ms: number): Promise<JobOutcome | null> {
  if (ms <= 0) return job.outcome;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([job.settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How the API shows a job that runs in this process. */
export function liveView(job: LiveJob): ImportJob {
  const { start, counts, outcome } = job;
  const now = new Date().toISOString();
  const row: ImportJobTable = {
    id: start.id,
    collection: start.collection,
    actor: start.actor,
    filename: start.filename,
    mode: start.mode,
    dry_run: start.dryRun ? 1 : 0,
    on_error: start.onError,
    state: outcome?.state ?? 'running',
    runner: start.runner,
    batch_id: start.batchId,
    bytes_total: start.bytesTotal,
    ...countValues(counts),
    cancel_requested: job.cancelRequested ? 1 : 0,
    result: null,
    result_status: null,
    error: null,
    created_at: start.createdAt,
    started_at: job.startedAt,
    updated_at: job.finishedAt ?? now,
    finished_at: job.finishedAt,
  };
  if (!outcome) return jobView(row);
  return jobView(row, outcome.state === 'done' ? { result: outcome.result, resultStatus: outcome.status } : { error: outcome.error });
}

/** Whether the process running a job is still at it; false for a job whose process is gone. */
function alive(row: ImportJobTable, atlas: Atlas): boolean {
  // SQLite: one process serves a database file, and its running jobs are in its registry.
  if (atlas.dialect === 'sqlite') return false;
  return Date.now() - Date.parse(row.updated_at) < STALE_AFTER_MS;
}

/** A running job's row whose process is gone: done if its import committed, else failed. */
async function orphanView(atlas: Atlas, row: ImportJobTable): Promise<ImportJob> {
  const batch = await committedBatch(atlas.db, row.batch_id);
  if (!batch) return jobView(row, { state: 'failed', error: INTERRUPTED, finishedAt: row.updated_at });
  const result: ImportResult = {
    batchId: batch.id, inserted: Number(batch.inserted), updated: Number(batch.updated), unchanged: Number(batch.unchanged), rejected: [],
    rejectedRows: Number(batch.rejected), rejectedTruncated: Number(batch.rejected) > 0, rows: Number(batch.rows), dryRun: false,
    encoding: 'utf-8', delimiter: ',', lineEnding: '\n', investorsCreated: Number(batch.investors_created),
  };
  return jobView(row, { state: 'done', result, resultStatus: 200, error: null, finishedAt: batch.at });
}

export interface FoundJob {
  job: ImportJob;
  owner: string;
}

/** A job by id, from this process if it runs here, else from its row; null when there is none. */
export async function findImportJob(atlas: Atlas, id: string): Promise<FoundJob | null> {
  const live = registry().jobs.get(id);
  if (live) return { job: liveView(live), owner: live.start.actor };
  const row = await findJobRow(atlas.db, id);
  if (!row) return null;
  const job = row.state === 'running' && !alive(row, atlas) ? await orphanView(atlas, row) : jobView(row);
  return { job, owner: row.actor };
}

/** Jobs still running that `owner` may see (every owner's when undefined), newest first, at most 50. */
export async function runningImportJobs(atlas: Atlas, owner: string | undefined): Promise<ImportJob[]> {
  const rows = await runningJobRows(atlas.db, owner, 50);
  const jobs = await Promise.all(rows.map(async (row) => (await findImportJob(atlas, row.id))?.job ?? null));
  return jobs.filter((job): job is ImportJob => job !== null && job.state === 'running');
}

/**
 * Stop a running job: at once if it runs in this process, else by a flag its process reads at its next heartbeat.
 * Waits a few seconds for it to end; answers the job as it is then (still running when it has not ended yet).
 */
export async function cancelImportJob(atlas: Atlas, id: string): Promise<ImportJob | null> {
  const live = registry().jobs.get(id);
  if (live) {
    if (!live.outcome) {
      live.cancelRequested = true;
      live.controller.abort(new Stop('cancel'));
    }
    await outcomeWithin(live, CANCEL_WAIT_MS);
    return liveView(live);
  }
  const found = await findImportJob(atlas, id);
  if (!found || found.job.state !== 'running') return found?.job ?? null;
  await requestCancel(atlas.db, id);
  const deadline = Date.now() + CANCEL_WAIT_MS;
  for (;;) {
    const now = await findImportJob(atlas, id);
    if (!now || now.job.state !== 'running' || Date.now() > deadline) return now?.job ?? null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Wait for every job of this process to end (tests, before they close the database). */
export async function settleImportJobs(): Promise<void> {
  await Promise.allSettled([...registry().jobs.values()].map((job) => job.settled));
}
