// GET/POST /api/v1/<collection> (list, create, CSV export): the web-standard handlers of
// app/api/v1/[collection]/handlers.ts, served from the Pages Router for speed (docs/decisions/009-collection-route-on-node.md).
import { GET, POST } from '@/app/api/v1/[collection]/handlers';
import { nodeRoute } from '@/app/api/_lib/node-route';

// Bodies and answers stream through untouched: uploads and CSV exports are large.
export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

export default nodeRoute({ GET, POST }, ['collection']);

// Exported as an App Router route.ts exports them, so that tests find and call every route's handlers alike.
export { GET, POST };
