import { timelineOf } from '@/db/events';
import { parseTimelineQuery } from '@/lib/events/timeline';
import { handle, json } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** The JSON twin of /timeline: the milestones of a window (and kinds) and disclosed funding per quarter beneath. */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => json(await timelineOf(atlas, parseTimelineQuery(new URL(request.url).searchParams))));
}
