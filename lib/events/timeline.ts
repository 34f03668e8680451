import { EVENT_KINDS, events, type EventKind } from '../collections/events'; // not the index: see lib/query/parse.ts
import { parseBound } from '../concentration/params';
import { badRequest } from '../errors';
import { parseQuery } from '../query/parse';
import { MAX_PAGE_SIZE, type QuerySpec } from '../query/spec';

// The /timeline view and its API twin (GET /api/v1/timeline): which milestones, over which window. Page and API
// parse the same parameters here and hand the same query to db/events.ts.

export const TIMELINE_PARAMS = ['from', 'to', 'kind'] as const;

export interface TimelineQuery {
  /** Inclusive ISO dates (`from=2022` is 2022-01-01, `to=2023-06` is 2023-06-30), or null for open. */
  from: string | null;
  to: string | null;
  /** The kinds shown, in registry order; empty: every kind. */
  kinds: EventKind[];
}

/** URL → timeline query; an unknown parameter or a malformed value is a 400 naming it. */
export function parseTimelineQuery(params: URLSearchParams): TimelineQuery {
  for (const key of new Set(params.keys())) {
    if (!(TIMELINE_PARAMS as readonly string[]).includes(key)) throw badRequest(`unknown parameter "${key.slice(0, 40)}": the timeline takes ${TIMELINE_PARAMS.join(', ')}`, key);
  }
  const bound = (key: 'from' | 'to') => {
    const all = params.getAll(key);
    if (all.length > 1) throw badRequest(`${key} may be given only once`, key);
    return all[0] ? parseBound(all[0].trim(), key) : null;
  };
  const from = bound('from');
  const to = bound('to');
  if (from && to && from > to) throw badRequest(`from (${from}) is after to (${to})`, 'from');
  const wanted = params.getAll('kind');
  for (const kind of wanted) {
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw badRequest(`kind must be one of ${EVENT_KINDS.join(', ')}; got "${kind.slice(0, 40)}"`, 'kind');
  }
  const kinds = EVENT_KINDS.filter((k) => wanted.includes(k));
  return { from, to, kinds: kinds.length === EVENT_KINDS.length ? [] : kinds };
}

/** The inverse of parseTimelineQuery (open bounds and "every kind" left out): links, share paths. */
export function timelineToParams(query: TimelineQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  for (const kind of query.kinds) params.append('kind', kind);
  return params;
}

/** The list query of the events collection for a timeline: its milestones, oldest first (at most 1,000). */
export function milestonesSpec(query: TimelineQuery): QuerySpec {
  const params = new URLSearchParams({ sort: 'date', order: 'asc', pageSize: String(MAX_PAGE_SIZE) });
  if (query.from) params.set('date__gte', query.from);
  if (query.to) params.set('date__lte', query.to);
  for (const kind of query.kinds) params.append('kind', kind);
  return parseQuery(events, params);
}
