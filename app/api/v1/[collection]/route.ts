import { createRow } from '@/db/repository';
import { listRows } from '@/db/rows';
import { parseQuery } from '@/lib/query/parse';
import { exportCsv } from '../../_lib/csv-export';
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
  return handle(request, 'write', async ({ atlas, actor }) => {
    const collection = collectionFrom((await params).collection);
    const row = await createRow(atlas, collection.id, await readJson(request), { actor });
    return json(row, 201);
  });
}
