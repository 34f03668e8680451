import 'server-only';
import { coInvestments } from '@/db/coinvestments';
import type { Atlas } from '@/db/connection';
import type { RefName } from '@/db/rows';
import { layoutNetwork, type PlacedNode } from '@/lib/analysis/force-layout';
import type { CoInvestments } from '@/lib/analysis/types';
import { networkView, type NetworkViewState } from '@/lib/query/view-state';
import { investorOptions } from './analysis-options';

/** The network's drawing area (SVG user units); the SVG scales to the page. */
export const NETWORK_SIZE = { width: 960, height: 600 } as const;

export interface NetworkData {
  state: NetworkViewState;
  network: CoInvestments;
  /** Where each node is drawn: laid out here once per view, so a snapshot keeps its picture (decision 025). */
  layout: PlacedNode[];
  investors: RefName[];
  investor: RefName | null;
}

/** Everything /network shows for its URL; a bad parameter throws the 400 naming it (the page shows it). */
export async function loadNetwork(atlas: Atlas, params: URLSearchParams): Promise<NetworkData> {
  const state = networkView.parse(params);
  const [network, investors] = await Promise.all([coInvestments(atlas, state.query), investorOptions(atlas, state.query.investor)]);
  const layout = layoutNetwork(network.nodes, network.pairs, { ...NETWORK_SIZE, margin: 16 });
  return { state, network, layout, investors: investors.investors, investor: investors.chosen };
}
