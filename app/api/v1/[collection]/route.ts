import { createRow } from '@/db/repository';
import { listRows } from '@/db/rows';
import { parseQuery } from '@/lib/query/parse';
import { exportCsv } from '../../_lib/csv-export';
import { prepareAlertWrite, withGeneratedSecret } from '../../_lib/alert-writes';
import { collectionFrom, handle, json, readJson, restrictedTo } from '../../_lib/respond';

type Context = { params: Promise<{ collection: string }> };

export async function GET(request: Request, { params }: Context) {
  return handle(request, 'read', async (ctx) => {
    const segment = (await params).collection;
    if (segment.endsWith('.csv')) return exportCsv(request, segment, ctx.atlas, restrictedTo(ctx));
    const collection = collectionFrom(segment);
    const spec = { ...parseQuery(collection, new URL(request.url).searchParams), visibleTo: restrictedTo(ctx) };
    return json(await listRows(ctx.atlas, spec));
  });
}

export async function POST(request: Request, { params }: Context) {
  const segment = (await params).collection;
  // A viewer may keep inbox alert rules (issue 18): alerts check the role themselves (app/api/_lib/alert-writes.ts).
  return handle(request, segment === 'alerts' ? 'read' : 'write', async (ctx) => {
    const collection = collectionFrom(segment);
    if (collection.id === 'alerts') {
      const write = await prepareAlertWrite(ctx, await readJson(request), null);
      const row = await createRow(ctx.atlas, collection.id, write.body, { actor: ctx.actor, hidden: write.hidden });
      return json(withGeneratedSecret(row, write.generated), 201);
    }
    const row = await createRow(ctx.atlas, collection.id, await readJson(request), { actor: ctx.actor });
    return json(row, 201);
  });
}
