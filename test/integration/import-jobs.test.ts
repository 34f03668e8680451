import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as changes from '../../app/api/v1/changes/route';
import * as jobList from '../../app/api/v1/import-jobs/route';
import { settleImportJobs } from '../../db/import-job-runner';
import { findJobRow, insertJob, requestCancel } from '../../db/import-jobs';
import { newBatchId } from '../../db/import';
import { cancelJob, getCsv, getJob, importHistory, lines, postCsv, untilJob } from '../support/csv';
import { TEST_DIALECT, useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

// Long imports answer 202 with a job (issue 16, item 7; docs/decisions/031-import-jobs.md), through the real route
// handlers: ATLAS_IMPORT_SYNC_MS=0 makes every import a job, so a test needs no large file to get one.

/** lib/env.ts's default, 2 s (vitest.config.ts sets a long one for the other tests). */
const DEFAULT_SYNC_MS = '';
let t: TestDatabase;
const spool = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-jobs-test-'));
const savedTmp = process.env.TMPDIR;
beforeAll(async () => {
  process.env.TMPDIR = spool;
  process.env.ATLAS_IMPORT_SYNC_MS = DEFAULT_SYNC_MS;
  t = await useTestDatabase();
  await loadFixtures();
});
afterEach(async () => {
  process.env.ATLAS_IMPORT_SYNC_MS = DEFAULT_SYNC_MS;
  delete process.env.ATLAS_MAX_UPLOAD_MB;
  await settleImportJobs();
});
afterAll(async () => {
  await t.cleanup();
  process.env.TMPDIR = savedTmp;
  fs.rmSync(spool, { recursive: true, force: true });
});

const companies = (prefix: string, n: number) => lines('id,name,kind,country', ...Array.from({ length: n }, (_, i) => `${prefix}-${i},${prefix} ${i},builder,${i % 2 ? 'US' : 'CN'}`));
const countChanges = async () => (await call(changes.GET, '/api/v1/changes', {})).body.rows.length as number;
const snapshot = async () => ({ companies: (await getCsv('companies')).text, changes: await countChanges(), batches: (await importHistory()).length });
const spooled = () => (fs.existsSync(path.join(spool, 'atlas-imports')) ? fs.readdirSync(path.join(spool, 'atlas-imports')) : []);
const asJob = () => (process.env.ATLAS_IMPORT_SYNC_MS = '0');
const runningIds = async () => {
  const reply = await call(jobList.GET, '/api/v1/import-jobs', {});
  expect(reply.status).toBe(200);
  return (reply.body.rows as { id: string; state: string }[]).map((job) => `${job.id}:${job.state}`);
};

describe('POST /api/v1/{collection}/import: at once or as a job', () => {
  it('a small import answers 200 with the summary at once (default ATLAS_IMPORT_SYNC_MS)', async () => {
    const reply = await postCsv('companies', companies('sync', 3));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('location')).toBeNull();
    expect(reply.body).toMatchObject({ inserted: 3, rows: 3, rejected: [], batchId: expect.stringMatching(/^imp-/) });
    expect(spooled()).toEqual([]);
  });

  it('an import that is still running after ATLAS_IMPORT_SYNC_MS answers 202 with a job to follow until done', async () => {
    asJob();
    const csv = companies('job', 400);
    const reply = await postCsv('companies', csv, 'filename=job.csv');
    expect(reply.status, reply.text.slice(0, 300)).toBe(202);
    const id = reply.body.id as string;
    expect(id).toMatch(/^job-[0-9a-f]{32}$/);
    expect(reply.headers.get('location')).toBe(`/api/v1/import-jobs/${id}`);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(reply.body).toMatchObject({ state: 'running', collection: 'companies', filename: 'job.csv', dryRun: false, mode: 'upsert', onError: 'abort' });
    expect(reply.body.progress?.bytesTotal).toBe(Buffer.byteLength(csv));

    const job = await untilJob(id);
    expect(job).toMatchObject({ state: 'done', resultStatus: 200, error: null, cancelRequested: false });
    expect(job.progress).toMatchObject({ rows: 400, inserted: 400, updated: 0, rejected: 0, bytesRead: Buffer.byteLength(csv), fraction: 1, etaSeconds: null });
    expect(job.result).toMatchObject({ inserted: 400, rows: 400, rejected: [], dryRun: false, encoding: 'utf-8' });
    expect(job.finishedAt).not.toBeNull();
    const [latest] = await importHistory();
    expect(latest).toMatchObject({ id: job.result?.batchId, filename: 'job.csv', inserted: 400 });
    expect((await getCsv('companies')).text).toContain('job-399,job 399');
    // Asked again later, from the row this time: the same answer.
    expect((await getJob(id)).body).toMatchObject({ state: 'done', result: { batchId: job.result?.batchId } });
    await settleImportJobs();
    expect(spooled(), 'the uploaded file is deleted once the job has ended').toEqual([]);
  });

  it('a job with rejected rows under onError=abort ends done with resultStatus 422 and writes nothing', async () => {
    asJob();
    const before = await snapshot();
    const reply = await postCsv('companies', lines('id,name,kind', 'ok-1,Ok,builder', 'bad-1,Bad,wizard'));
    expect(reply.status).toBe(202);
    const job = await untilJob(reply.body.id as string);
    expect(job).toMatchObject({ state: 'done', resultStatus: 422, result: { batchId: null, inserted: 0, rejectedRows: 1 } });
    expect(job.result?.rejected[0]).toMatchObject({ line: 3, column: 'kind', value: 'wizard' });
    expect(await snapshot()).toEqual(before);
  });

  it('a dry run is a job too, and writes nothing', async () => {
    asJob();
    const before = await snapshot();
    const reply = await postCsv('companies', companies('dry', 50), 'dryRun=1');
    expect(reply.status).toBe(202);
    const job = await untilJob(reply.body.id as string);
    expect(job).toMatchObject({ state: 'done', dryRun: true, resultStatus: 200, result: { dryRun: true, inserted: 50, batchId: null } });
    expect(await snapshot()).toEqual(before);
  });

  it('a file the import refuses: at once a 400 as before; as a job, failed with that error', async () => {
    const bad = lines('id,nonsense', 'x,y');
    const direct = await postCsv('companies', bad);
    expect(direct.status).toBe(400);
    asJob();
    const reply = await postCsv('companies', bad);
    expect(reply.status).toBe(202);
    const job = await untilJob(reply.body.id as string);
    expect(job).toMatchObject({ state: 'failed', result: null, error: { status: 400, code: 'invalid_body', message: direct.body.error?.message } });
  });

  it('the upload limit still holds: 413, no job, no file left behind', async () => {
    asJob();
    process.env.ATLAS_MAX_UPLOAD_MB = '0.01';
    const before = await snapshot();
    const big = companies('big', 2000);
    const reply = await postCsv('companies', new Blob([big]).stream());
    expect(reply.status).toBe(413);
    expect(reply.body.error?.message).toContain('ATLAS_MAX_UPLOAD_MB');
    expect(await snapshot()).toEqual(before);
    expect(spooled()).toEqual([]);
  });
});

describe('cancelling a job, and a job cut by a shutdown', () => {
  it('DELETE mid-way: the job ends cancelled and the database is as before', async () => {
    asJob();
    const before = await snapshot();
    const reply = await postCsv('companies', companies('cancel', 60_000));
    expect(reply.status).toBe(202);
    const id = reply.body.id as string;
    const running = await untilJob(id, (job) => job.progress.rows > 0);
    expect(running.state).toBe('running');
    expect(await runningIds(), 'GET /api/v1/import-jobs lists it while it runs').toEqual([`${id}:running`]);
    const cancelled = await cancelJob(id);
    expect(cancelled.status, cancelled.text.slice(0, 300)).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', cancelRequested: true, result: null, error: { code: 'cancelled' } });
    expect(cancelled.body.progress.rows).toBeLessThan(60_000);
    await settleImportJobs();
    expect((await getJob(id)).body).toMatchObject({ state: 'cancelled' });
    expect((await cancelJob(id)).status, 'cancelling again is harmless').toBe(200);
    expect(await runningIds(), 'an ended job is no longer listed').toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(spooled()).toEqual([]);
  });

  it('a finished job cannot be cancelled: 409, naming its batch', async () => {
    asJob();
    const reply = await postCsv('companies', companies('late', 5));
    const job = await untilJob(reply.body.id as string);
    const refused = await cancelJob(job.id);
    expect(refused.status).toBe(409);
    expect((refused.body.error as { message: string }).message).toContain(job.result?.batchId ?? 'no batch');
  });

  it('a shutdown cuts a running job: rolled back, reported failed', async () => {
    asJob();
    const before = await snapshot();
    const reply = await postCsv('companies', companies('cut', 60_000));
    const id = reply.body.id as string;
    await untilJob(id, (job) => job.progress.rows > 0);
    const jobs = (globalThis as { __atlasImportJobs?: { running: () => number; cut: () => Promise<void> } }).__atlasImportJobs;
    expect(jobs?.running()).toBe(1);
    await jobs?.cut();
    expect(jobs?.running()).toBe(0);
    expect((await getJob(id)).body).toMatchObject({ state: 'failed', error: { status: 503, code: 'interrupted' } });
    expect(await snapshot()).toEqual(before);
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('a job seen from another instance (PostgreSQL)', () => {
  it('its row carries the progress (heartbeat), and a cancel asked through the row stops it', async () => {
    asJob();
    const before = await snapshot();
    const reply = await postCsv('companies', companies('remote', 60_000));
    const id = reply.body.id as string;
    const deadline = Date.now() + 30_000;
    let row = await findJobRow(t.atlas.db, id);
    while (Number(row?.rows ?? 0) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await findJobRow(t.atlas.db, id);
    }
    expect(row).toMatchObject({ state: 'running', runner: expect.stringContaining(`${process.pid}-`) });
    expect(Number(row?.bytes_read)).toBeGreaterThan(0);
    expect(row?.started_at).not.toBeNull();
    // What DELETE does on an instance that does not run the job.
    expect(await requestCancel(t.atlas.db, id)).toBe(true);
    await settleImportJobs();
    expect(await findJobRow(t.atlas.db, id)).toMatchObject({ state: 'cancelled', cancel_requested: 1 });
    expect(await snapshot()).toEqual(before);
  });
});

describe('GET /api/v1/import-jobs/{id}', () => {
  it('an id that is not a job is a 404, hostile or not', async () => {
    for (const id of ['job-00000000000000000000000000000000', 'nope', "job-' or 1=1 --", '../imports', 'job-<script>', 'x'.repeat(5000), 'JOB-00000000000000000000000000000000']) {
      const reply = await getJob(id);
      expect(reply.status, id.slice(0, 40)).toBe(404);
      expect(reply.body.error).toMatchObject({ code: 'not_found' });
      expect((await cancelJob(id)).status).toBe(404);
    }
  });

  it('a running job whose process is gone is reported failed; done if its batch had committed', async () => {
    const row = (id: string, batchId: string) => ({
      id, collection: 'companies', actor: 'local', filename: 'gone.csv', mode: 'upsert' as const, dryRun: false, onError: 'abort' as const,
      runner: 'a-process-that-died', batchId, bytesTotal: 100, createdAt: new Date(Date.now() - 120_000).toISOString(),
    });
    const lost = 'job-' + 'a'.repeat(32);
    await insertJob(t.atlas.db, row(lost, newBatchId()));
    expect((await getJob(lost)).body).toMatchObject({ state: 'failed', error: { code: 'interrupted' } });
    expect((await cancelJob(lost)).status).toBe(409);

    const committed = await postCsv('companies', companies('orphan', 2));
    const batchId = committed.body.batchId as string;
    const done = 'job-' + 'b'.repeat(32);
    await insertJob(t.atlas.db, row(done, batchId));
    expect((await getJob(done)).body).toMatchObject({ state: 'done', resultStatus: 200, result: { batchId, inserted: 2 } });
    expect(await runningIds(), 'rows marked running whose process is gone are not listed').toEqual([]);
  });

  it('the list takes no parameters: 400 naming the first', async () => {
    const reply = await call(jobList.GET, '/api/v1/import-jobs?state=done', {});
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_param', param: 'state' });
  });
});
