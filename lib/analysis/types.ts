import type { Layer, MarketMapQuery, NetworkQuery } from './params';

// The answers of the two analysis views, as the API sends them and the pages draw them.

export interface MapCompany {
  id: string;
  name: string;
  name_zh: string | null;
  region: string | null;
  /** Disclosed funding in US$ (sum of amount_usd of its rounds in the window, fund rows left out); null: none disclosed. */
  funding: number | null;
  /** Its rounds in the window, disclosed or not. */
  rounds: number;
}

export interface MapVertical {
  /** companies.vertical; null for companies without one ("other / unspecified"). */
  vertical: string | null;
  /** Disclosed funding of every company of the vertical (named or among `others`). */
  total: number;
  /** Companies in the vertical, named or not. */
  count: number;
  /** Of those, the companies none of whose rounds in the window has a disclosed amount (funding null). */
  undisclosed: number;
  /** The `top` companies with the most disclosed funding. */
  companies: MapCompany[];
  /** The companies past `top`, summed; null when every company is named. */
  others: { companies: number; funding: number; rounds: number } | null;
}

export interface MapLayer {
  layer: Layer;
  total: number;
  count: number;
  undisclosed: number;
  verticals: MapVertical[];
}

export interface MarketMap {
  /** The query as applied, defaults filled in. */
  filters: Omit<MarketMapQuery, 'top'> & { top: number };
  layers: MapLayer[];
}

export interface NetworkNode {
  id: string;
  name: string;
  name_zh: string | null;
  region: string | null;
  /** Rounds this investor joined under the filters (shared or not). */
  rounds: number;
}

export interface NetworkPair {
  /** Investor ids, a < b. */
  a: string;
  b: string;
  /** Rounds both joined under the filters. */
  rounds: number;
}

export interface CoInvestments {
  filters: Omit<NetworkQuery, 'min' | 'limit'> & { min: number; limit: number };
  /** The investors of `pairs`, most rounds first. */
  nodes: NetworkNode[];
  /** The strongest pairs (most shared rounds first), at most `limit`. */
  pairs: NetworkPair[];
  /** Every pair that met `min`, before `limit`. */
  totalPairs: number;
}
