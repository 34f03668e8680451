import 'server-only';
import type { Atlas } from '@/db/connection';
import { milestonesOf } from '@/db/events';
import { ApiError } from '@/lib/errors';
import type { Milestone } from '@/lib/events/markers';
import { parseMilestoneView, type MilestoneView } from '@/lib/events/view';

/** The milestones a view's charts mark (every one of the chosen kinds), or null when the view shows none. */
export async function loadMilestones(atlas: Atlas, view: MilestoneView | null): Promise<Milestone[] | null> {
  if (!view) return null;
  const { rows } = await milestonesOf(atlas, { from: null, to: null, kinds: view.kinds });
  return rows.map(toMilestone);
}

export interface MilestoneState {
  view: MilestoneView | null;
  /** Why the URL's `events` / `eventKinds` were refused (the page shows the rest and says so). */
  error: string | null;
}

/** The milestone parameters of a page that has no other state: a bad value becomes a message, not a throw. */
export function milestoneStateOf(params: URLSearchParams): MilestoneState {
  try {
    return { view: parseMilestoneView(params), error: null };
  } catch (error) {
    if (error instanceof ApiError) return { view: null, error: error.message };
    throw error;
  }
}

/** A row of the events collection as a chart milestone (the fields a chart shows, nothing else). */
export function toMilestone(row: Record<string, unknown>): Milestone {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    id: String(row.id),
    date: String(row.date),
    date_precision: text(row.date_precision),
    title: String(row.title),
    title_zh: text(row.title_zh),
    kind: String(row.kind),
  };
}
