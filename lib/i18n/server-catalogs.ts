import * as follows from './catalogs/follows';
import * as analysis from './catalogs/analysis';
import * as boardsPage from './catalogs/boards-page';
import * as deliveries from './catalogs/deliveries';
import * as events from './catalogs/events';
import * as fx from './catalogs/fx';
import * as sources from './catalogs/sources';
import { registerCatalogs } from './index';

// The catalogs of areas whose strings only server components show (the market map, the network, the timeline and
// milestones, currency notes, board tiles, the sources page, alert deliveries). Imported once by the server's locale module (app/_lib/locale.ts), which every page
// loads through its layout; never by browser code, so browser bundles stay without them.
registerCatalogs(follows, analysis, boardsPage, deliveries, events, fx, sources);
