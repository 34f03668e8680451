import 'server-only';
import type { Atlas } from '@/db/connection';
import { timelineOf, type Timeline } from '@/db/events';
import { ApiError } from '@/lib/errors';
import { parseTimelineQuery, type TimelineQuery } from '@/lib/events/timeline';

export type TimelineData = { kind: 'ok'; query: TimelineQuery; timeline: Timeline } | { kind: 'error'; message: string };

/** Everything /timeline shows for its URL (the same query and rows as GET /api/v1/timeline). */
export async function loadTimeline(atlas: Atlas, params: URLSearchParams): Promise<TimelineData> {
  let query: TimelineQuery;
  try {
    query = parseTimelineQuery(params);
  } catch (error) {
    if (error instanceof ApiError) return { kind: 'error', message: error.message };
    throw error;
  }
  return { kind: 'ok', query, timeline: await timelineOf(atlas, query) };
}
