import { EVENT_KINDS, type EventKind } from '../collections/events';
import { badRequest } from '../errors';

// Whether a view's time charts mark the milestones, and which kinds: `events=1` and `eventKinds=model,policy` in
// its URL. The dashboard, /concentration (through lib/query/view-state.ts) and a hypothesis page read them here.
// Free of zod, so that client components can build the toggle's links.

export const MILESTONE_PARAMS = ['events', 'eventKinds'] as const;

export interface MilestoneView {
  /** The kinds shown; empty: every kind. */
  kinds: EventKind[];
}

const isKind = (value: string): value is EventKind => (EVENT_KINDS as readonly string[]).includes(value);

function single(params: URLSearchParams, key: string): string | undefined {
  const all = params.getAll(key);
  if (all.length > 1) throw badRequest(`${key} may be given only once`, key);
  return all[0];
}

/** The kinds in registry order, each once; every kind is written as none (the same view, shorter URL). */
function canonical(kinds: readonly EventKind[]): EventKind[] {
  const chosen = EVENT_KINDS.filter((k) => kinds.includes(k));
  return chosen.length === EVENT_KINDS.length ? [] : chosen;
}

/** The milestones a URL asks its charts to mark, or null for none; a malformed value is a 400 naming it. */
export function parseMilestoneView(params: URLSearchParams): MilestoneView | null {
  const events = single(params, 'events');
  if (events !== undefined && !['0', '1', ''].includes(events)) throw badRequest(`events must be 1 (mark the milestones on time charts) or 0, not "${events.slice(0, 40)}"`, 'events');
  const rawKinds = single(params, 'eventKinds');
  const kinds = (rawKinds ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  for (const kind of kinds) {
    if (!isKind(kind)) throw badRequest(`eventKinds takes milestone kinds (${EVENT_KINDS.join(', ')}), not "${kind.slice(0, 40)}"`, 'eventKinds');
  }
  if (events !== '1') {
    if (kinds.length) throw badRequest('eventKinds applies only with events=1', 'eventKinds');
    return null;
  }
  return { kinds: canonical(kinds as EventKind[]) };
}

/** The URL with the milestones of `view` (none for null): the other parameters kept as they are. */
export function withMilestoneView(params: URLSearchParams, view: MilestoneView | null): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of MILESTONE_PARAMS) next.delete(key);
  if (view) {
    next.set('events', '1');
    const kinds = canonical(view.kinds);
    if (kinds.length) next.set('eventKinds', kinds.join(','));
  }
  return next;
}

/** One kind added to or taken from the view's kinds (from "every kind", choosing one shows that kind alone). */
export function withToggledKind(view: MilestoneView, kind: EventKind): MilestoneView {
  if (view.kinds.length === 0) return { kinds: [kind] };
  return { kinds: canonical(view.kinds.includes(kind) ? view.kinds.filter((k) => k !== kind) : [...view.kinds, kind]) };
}

/** Whether the view shows milestones of this kind. */
export const showsKind = (view: MilestoneView, kind: string): boolean => view.kinds.length === 0 || (view.kinds as string[]).includes(kind);
