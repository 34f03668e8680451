import { relatedRows } from '@/db/related';
import { deleteRow, updateRow } from '@/db/repository';
import { getRow } from '@/db/rows';
import { notFound } from '@/lib/errors';
import { collectionFrom, handle, json, readJson } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ collection: string; id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handle(request, 'read', async ({ atlas }) => {
    const { collection: name, id } = await params;
    const collection = collectionFrom(name);
    const row = await getRow(atlas, collection, id);
    if (!row) throw notFound(`no ${collection.singular.en.toLowerCase()} with id "${id}"`);
    return json({ ...row, ...(await relatedRows(atlas, collection, id)) });
  });
}

export async function PATCH(request: Request, { params }: Context) {
  return handle(request, 'write', async ({ atlas, actor }) => {
    const { collection: name, id } = await params;
    const collection = collectionFrom(name);
    return json(await updateRow(atlas, collection.id, id, await readJson(request), { actor }));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handle(request, 'write', async ({ atlas, actor }) => {
    const { collection: name, id } = await params;
    await deleteRow(atlas, collectionFrom(name).id, id, { actor });
    return new Response(null, { status: 204 });
  });
}
