import { searchRecordOf } from '@/lib/query/view-state';
import type { SharePath } from '@/lib/shares/target';
import CollectionPage from '../../../[collection]/page';
import BoardPage from '../../../boards/[id]/page';
import ConcentrationPage from '../../../concentration/page';
import HypothesisPage from '../../../hypotheses/[id]/page';
import MarketMapPage from '../../../market-map/page';
import NetworkPage from '../../../network/page';
import HomePage from '../../../page';
import ComparePage from '../../../scenarios/compare/page';
import TimelinePage from '../../../timeline/page';

const searchOf = (params: URLSearchParams) => Promise.resolve(searchRecordOf(params));

/** The page of the shared path, rendered as its own route would render it (it reads the shared data). */
export function SharedTarget({ share }: { share: SharePath }) {
  const { target, params } = share;
  switch (target.kind) {
    case 'table':
      return <CollectionPage params={Promise.resolve({ collection: target.collection })} searchParams={searchOf(params)} />;
    case 'concentration':
      return <ConcentrationPage searchParams={searchOf(params)} />;
    case 'market-map':
      return <MarketMapPage searchParams={searchOf(params)} />;
    case 'network':
      return <NetworkPage searchParams={searchOf(params)} />;
    case 'home':
      return <HomePage searchParams={searchOf(params)} />;
    case 'hypothesis':
      return <HypothesisPage params={Promise.resolve({ id: encodeURIComponent(target.id) })} searchParams={searchOf(params)} />;
    case 'compare':
      return <ComparePage searchParams={searchOf(params)} />;
    case 'timeline':
      return <TimelinePage searchParams={searchOf(params)} />;
    case 'board':
      return <BoardPage params={Promise.resolve({ id: encodeURIComponent(target.id) })} searchParams={searchOf(params)} />;
  }
}
