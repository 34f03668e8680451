import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as jobList from '../../app/api/v1/import-jobs/route';
import { settleImportJobs } from '../../db/import-job-runner';
import { addUser, browser, sessionFor } from '../support/auth';
import { cancelJob, getJob, lines, postCsv, untilJob } from '../support/csv';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

// Import jobs in team mode: a job is its owner's (and the admins'); to anyone else it does not exist.

let t: TestDatabase;
const as: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  for (const [name, role] of [['admin', 'admin'], ['owner', 'editor'], ['other', 'editor'], ['viewer', 'viewer']] as const) {
    as[name] = browser(await sessionFor(t.atlas, (await addUser(t.atlas, `${name}@example.com`, role)).id));
  }
  process.env.ATLAS_IMPORT_SYNC_MS = '0';
});
afterEach(async () => settleImportJobs());
afterAll(async () => {
  delete process.env.ATLAS_IMPORT_SYNC_MS;
  await t.cleanup();
});

const rows = (prefix: string, n: number) => lines('id,name,kind', ...Array.from({ length: n }, (_, i) => `${prefix}-${i},${prefix} ${i},builder`));
const start = async (who: string, csv: string) => {
  const reply = await postCsv('companies', csv, '', { 'content-type': 'text/csv', ...as[who] });
  expect(reply.status, reply.text.slice(0, 200)).toBe(202);
  return reply.body.id as string;
};

describe('import jobs in team mode', () => {
  it('the owner and an admin follow the job; another editor and a viewer get 404; without a session 401', async () => {
    const id = await start('owner', rows('team', 20));
    const done = await untilJob(id, undefined, 30_000, as.owner);
    expect(done).toMatchObject({ state: 'done', result: { inserted: 20 } });
    expect((await getJob(id, as.admin)).body).toMatchObject({ id, state: 'done' });
    for (const who of ['other', 'viewer']) expect((await getJob(id, as[who])).status, who).toBe(404);
    expect((await getJob(id)).status).toBe(401);
  });

  it('only the owner or an admin may cancel: another editor gets 404 and the job goes on', async () => {
    const id = await start('owner', rows('team-cancel', 60_000));
    await untilJob(id, (job) => job.progress.rows > 0, 30_000, as.owner);
    const listed = async (who: string) => ((await call(jobList.GET, '/api/v1/import-jobs', {}, { headers: as[who] })).body.rows as { id: string }[]).map((job) => job.id);
    expect(await listed('owner'), 'the owner sees its running job').toEqual([id]);
    expect(await listed('admin'), 'so does an admin').toEqual([id]);
    expect(await listed('other'), 'another editor does not').toEqual([]);
    expect((await call(jobList.GET, '/api/v1/import-jobs', {})).status, 'without a session').toBe(401);
    expect((await cancelJob(id, as.other)).status).toBe(404);
    expect((await cancelJob(id, as.viewer)).status).toBe(403);
    expect((await getJob(id, as.owner)).body.state).toBe('running');
    const cancelled = await cancelJob(id, as.owner);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
  });
});
