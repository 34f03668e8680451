import type { Row } from '../lib/collections/types';
import type { TimelineQuery } from '../lib/events/timeline';
import { milestonesSpec } from '../lib/events/timeline';
import type { Atlas } from './connection';
import { fundingByQuarterAndLayer, type LayerQuarter } from './dashboard';
import { listRows } from './rows';

// What /timeline and the charts' milestone markers read: the events collection through the registry's list
// query (so a milestone row here is the row of /api/v1/events), and the dashboard's funding by quarter.

export interface Milestones {
  rows: Row[];
  /** How many milestones match; more than rows.length when the window holds over 1,000. */
  total: number;
}

export async function milestonesOf(atlas: Atlas, query: TimelineQuery): Promise<Milestones> {
  const page = await listRows(atlas, milestonesSpec(query));
  return { rows: page.rows, total: page.total };
}

export interface Timeline {
  window: { from: string | null; to: string | null };
  kinds: string[];
  total: number;
  events: Row[];
  funding: LayerQuarter[];
}

/** The milestones of the window, oldest first, and disclosed funding per quarter and layer over the same window. */
export async function timelineOf(atlas: Atlas, query: TimelineQuery): Promise<Timeline> {
  const [milestones, funding] = await Promise.all([milestonesOf(atlas, query), fundingByQuarterAndLayer(atlas, null, query)]);
  return { window: { from: query.from, to: query.to }, kinds: query.kinds, total: milestones.total, events: milestones.rows, funding };
}
