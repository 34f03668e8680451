import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

// Reads that run side by side on SQLite: better-sqlite3 is synchronous, so one connection runs a board's tile
// queries one after another. The pool holds read-only connections to the same file in worker threads (WAL lets
// readers work while the main connection writes), started when a query first needs one and handed statements from
// one queue, the longest expected first. Nothing is cached: each statement reads the file as committed at that moment.
// docs/decisions/028-board-tiles-in-worker-threads.md, 039-longest-statement-first.md.

/** The worker's file, loaded by path: Next.js's server bundle does not carry it (it is plain JavaScript). */
export const READ_WORKER_FILE = path.join(process.cwd(), 'db', 'read-worker.mjs');

/**
 * Threads when ATLAS_READ_WORKERS is not set: one per core (2 to 8). The longest statement is handed out first and so
 * has a core to itself; with more threads than cores it shared one with the short ones and finished last (decision 039).
 */
export const defaultReadWorkers = () => Math.min(8, Math.max(2, os.cpus().length));

/** Statement texts whose last running time the pool remembers (the least recently run are forgotten first). */
const MAX_REMEMBERED = 500;

interface Job {
  id: number;
  sql: string;
  parameters: readonly unknown[];
  resolve: (result: QueryResult<unknown>) => void;
  reject: (error: Error) => void;
  /** How long the statement is expected to run (ms): as it took before; a statement not seen yet counts as the longest. */
  expected: number;
  startedAt: number;
}

interface Reply {
  id: number;
  /** `values`: one array per column, in `columns`' order. */
  result?: { columns: string[]; values: unknown[][]; numAffectedRows?: bigint; insertId?: bigint };
  error?: { name: string; message: string; code?: string };
}

interface Thread {
  worker: Worker;
  job: Job | null;
}

/** The error a worker reported, as the main connection would have thrown it (better-sqlite3's message and code). */
function errorOf(reported: NonNullable<Reply['error']>): Error {
  const error = new Error(reported.message) as Error & { code?: string };
  error.name = reported.name;
  if (reported.code !== undefined) error.code = reported.code;
  return error;
}

/** The rows of a statement's columns (one array of values per column), as objects the way better-sqlite3 gives them. */
function rowsOf(columns: readonly string[], values: readonly unknown[][]): Record<string, unknown>[] {
  const count = values[0]?.length ?? 0;
  const rows = new Array<Record<string, unknown>>(count);
  for (let r = 0; r < count; r++) {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) out[columns[i]] = values[i][r];
    rows[r] = out;
  }
  return rows;
}

export class ReadPool {
  readonly file: string;
  readonly size: number;
  private readonly busyTimeoutMs: number;
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** The time each statement text took when it last ran (smoothed), for handing out the longest first. */
  private readonly took = new Map<string, number>();

  constructor(file: string, options: { size: number; busyTimeoutMs?: number }) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`a read pool needs at least one thread (got ${options.size})`);
    this.file = path.resolve(file);
    this.size = options.size;
    this.busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  }

  /** Threads running now (started on demand, up to `size`). */
  get threadCount(): number {
    return this.threads.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  query(sql: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.closed) return Promise.reject(new Error('the read pool is closed (the server is shutting down)'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, sql, parameters, resolve, reject, expected: this.took.get(sql) ?? Infinity, startedAt: 0 });
      this.dispatch();
    });
  }

  /** Stop every thread; statements still queued or running are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const gone = new Error('the read pool is closed (the server is shutting down)');
    for (const job of this.queue.splice(0)) job.reject(gone);
    const threads = this.threads.splice(0);
    for (const thread of threads) thread.job?.reject(gone);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let idle = this.threads.find((t) => t.job === null);
      if (!idle && this.threads.length < this.size) idle = this.start();
      if (!idle) return;
      const job = this.takeLongest();
      job.startedAt = performance.now();
      idle.job = job;
      // A thread keeps the process alive only while it runs a statement (a script may await one and exit after).
      idle.worker.ref();
      idle.worker.postMessage({ id: job.id, sql: job.sql, parameters: job.parameters });
    }
  }

  /** The queued statement expected to run longest (the first of equals): started first, it is not left to finish last. */
  private takeLongest(): Job {
    let at = 0;
    for (let i = 1; i < this.queue.length; i++) if (this.queue[i].expected > this.queue[at].expected) at = i;
    return this.queue.splice(at, 1)[0];
  }

  private remember(sql: string, ms: number): void {
    const before = this.took.get(sql);
    this.took.delete(sql);
    this.took.set(sql, before === undefined ? ms : 0.5 * before + 0.5 * ms);
    if (this.took.size > MAX_REMEMBERED) this.took.delete(this.took.keys().next().value as string);
  }

  private start(): Thread {
    const worker = new Worker(READ_WORKER_FILE, { workerData: { file: this.file, busyTimeoutMs: this.busyTimeoutMs } });
    const thread: Thread = { worker, job: null };
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const job = thread.job;
      if (!job || job.id !== reply.id) return;
      thread.job = null;
      worker.unref();
      this.remember(job.sql, performance.now() - job.startedAt);
      if (reply.error) job.reject(errorOf(reply.error));
      else if (reply.result) {
        const { columns, values, numAffectedRows, insertId } = reply.result;
        job.resolve({ rows: rowsOf(columns, values), numAffectedRows, insertId });
      }
      this.dispatch();
    });
    // A thread that cannot open the file or dies fails its statement and leaves the pool; the next statement starts another.
    const fail = (error: Error) => {
      const at = this.threads.indexOf(thread);
      if (at < 0) return;
      this.threads.splice(at, 1);
      thread.job?.reject(error);
      thread.job = null;
      void worker.terminate();
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a read thread stopped (exit code ${code})`)));
    this.threads.push(thread);
    return thread;
  }
}

class ReadPoolConnection implements DatabaseConnection {
  constructor(private readonly pool: ReadPool) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return this.pool.query(compiled.sql, compiled.parameters) as Promise<QueryResult<R>>;
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the read pool does not stream rows');
  }
}

const noTransactions = () => Promise.reject(new Error('the read pool runs single statements: transactions belong on the main connection'));

class ReadPoolDriver implements Driver {
  constructor(private readonly pool: ReadPool) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new ReadPoolConnection(this.pool);
  }
  beginTransaction = noTransactions;
  commitTransaction = noTransactions;
  rollbackTransaction = noTransactions;
  async releaseConnection(): Promise<void> {}
  destroy(): Promise<void> {
    return this.pool.close();
  }
}

/** A Kysely dialect whose statements run on the pool's threads: SQLite's compiler and adapter, single statements. */
export function readPoolDialect(pool: ReadPool): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ReadPoolDriver(pool),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
