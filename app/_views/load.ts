import 'server-only';
import type { Atlas } from '@/db/connection';
import { getCollection } from '@/lib/collections';
import { ApiError, notFound } from '@/lib/errors';
import { parseCurrencyParam } from '@/lib/fx/param';
import { sha256 } from '@/lib/auth/tokens';
import type { SharePath } from '@/lib/shares/target';
import { parseMilestoneView } from '@/lib/events/view';
import { loadBoard } from './board';
import { loadCompare } from './compare';
import { loadConcentration } from './concentration';
import { loadHome } from './home';
import { loadHypothesis } from './hypothesis';
import { loadMarketMap } from './market-map';
import { loadNetwork } from './network';
import { loadTable } from './table';
import { loadTimeline } from './timeline';
import { parseTimelineQuery } from '@/lib/events/timeline';

/**
 * The data a shareable view shows: exactly what its page loads for the same URL. `restrictedTo`: the user
 * making a link, who may share only the boards they can see (a live link's visitors see what its maker shared).
 */
export async function loadViewData(atlas: Atlas, share: SharePath, restrictedTo?: string): Promise<unknown> {
  const { target, params } = share;
  switch (target.kind) {
    case 'table':
      return loadTable(atlas, getCollection(target.collection), params, restrictedTo);
    case 'concentration': {
      // The page shows a bad parameter as an error; a link to that error page is refused instead.
      const data = await loadConcentration(atlas, params);
      if (data.kind === 'error') throw new ApiError(data.status, data.message, data.param ? { param: data.param } : {});
      return data;
    }
    case 'market-map':
      return loadMarketMap(atlas, params);
    case 'network':
      return loadNetwork(atlas, params);
    case 'home':
      return loadHome(atlas, parseCurrencyParam(params.get('currency')), parseMilestoneView(params));
    case 'compare':
      return loadCompare(atlas, params);
    case 'timeline':
      parseTimelineQuery(params); // a query the page would refuse is a 400, not a link to an error page
      return loadTimeline(atlas, params);
    case 'board':
      return loadBoard(atlas, target.id, params, restrictedTo);
    case 'hypothesis': {
      const data = await loadHypothesis(atlas, target.id, parseMilestoneView(params));
      if (!data) throw notFound(`there is no hypothesis "${target.id.slice(0, 80)}"`);
      return data;
    }
  }
}

/** A view's data as it travels (through JSON, so a live view renders exactly like a snapshot) and its hash. */
export function frozen(data: unknown): { json: string; data: unknown; hash: string } {
  const json = JSON.stringify(data);
  return { json, data: JSON.parse(json), hash: sha256(json) };
}
