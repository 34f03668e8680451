import 'server-only';
import type { Atlas } from '@/db/connection';
import type { RefName } from '@/db/rows';
import { marketMap } from '@/db/market-map';
import type { MarketMapQuery } from '@/lib/analysis/params';
import type { MarketMap } from '@/lib/analysis/types';
import { marketMapView } from '@/lib/query/view-state';
import { countryOptions, investorOptions } from './analysis-options';

export interface MarketMapData {
  query: MarketMapQuery;
  map: MarketMap;
  investors: RefName[];
  /** The investor of `investor=`, when it exists. */
  investor: RefName | null;
  countries: string[];
}

/** Everything /market-map shows for its URL; a bad parameter throws the 400 naming it (the page shows it). */
export async function loadMarketMap(atlas: Atlas, params: URLSearchParams): Promise<MarketMapData> {
  const query = marketMapView.parse(params);
  const [map, investors, countries] = await Promise.all([marketMap(atlas, query), investorOptions(atlas, query.investor), countryOptions(atlas)]);
  return { query, map, investors: investors.investors, investor: investors.chosen, countries };
}
