import { runningImportJobs } from '@/db/import-job-runner';
import { badRequest } from '@/lib/errors';
import { handle, json, restrictedTo } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

// The import jobs still running that the caller may see (its own; an admin's or local mode's: all), newest first.
export async function GET(request: Request) {
  return handle(request, 'read', async (ctx) => {
    const [param] = new URL(request.url).searchParams.keys();
    if (param !== undefined) throw badRequest(`unknown parameter "${param.slice(0, 60)}"`, param.slice(0, 60));
    return json({ rows: await runningImportJobs(ctx.atlas, restrictedTo(ctx)) });
  });
}
