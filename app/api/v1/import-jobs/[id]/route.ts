import { cancelImportJob, findImportJob, JOB_ID } from '@/db/import-job-runner';
import type { Atlas } from '@/db/connection';
import { ApiError, notFound } from '@/lib/errors';
import { handle, json, restrictedTo, type HandlerContext } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

// An import job (docs/API.md, "Import jobs"): GET its state and progress, DELETE to cancel it. A job is its
// owner's (and, in team mode, the admins'): anyone else, like an id that is not a job's, gets a 404.

type Params = { params: Promise<{ id: string }> };

async function ownJob(atlas: Atlas, id: string, ctx: HandlerContext) {
  const missing = () => notFound(`no import job "${id.slice(0, 60)}"`);
  if (!JOB_ID.test(id)) throw missing();
  const found = await findImportJob(atlas, id);
  const limit = restrictedTo(ctx);
  if (!found || (limit !== undefined && found.owner !== limit)) throw missing();
  return found.job;
}

export async function GET(request: Request, { params }: Params) {
  return handle(request, 'read', async (ctx) => {
    const job = await ownJob(ctx.atlas, (await params).id, ctx);
    return json(job, 200, job.state === 'running' ? { 'Retry-After': '1' } : {});
  });
}

export async function DELETE(request: Request, { params }: Params) {
  return handle(request, 'write', async (ctx) => {
    const { id } = await params;
    const before = await ownJob(ctx.atlas, id, ctx);
    if (before.state === 'cancelled') return json(before);
    if (before.state !== 'running') throw new ApiError(409, `the import job has already ended (${before.state})${before.result?.batchId ? `; undo its batch ${before.result.batchId} instead` : ''}`);
    const job = (await cancelImportJob(ctx.atlas, id)) ?? before;
    if (job.state === 'running') return json(job, 202, { 'Retry-After': '1' });
    if (job.state !== 'cancelled') throw new ApiError(409, `the import job ended (${job.state}) before it could be cancelled${job.result?.batchId ? `; undo its batch ${job.result.batchId} instead` : ''}`);
    return json(job);
  });
}
