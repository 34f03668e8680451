import { relatedRows } from '@/db/related';
import { deleteRow, updateRow } from '@/db/repository';
import { getRow } from '@/db/rows';
import { notFound } from '@/lib/errors';
import { actorOf, collectionFrom, handle, json, readJson } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ collection: string; id: string }> };

export async function GET(_request: Request, { params }: Context) {
  return handle(async (atlas) => {
    const { collection: name, id } = await params;
    const collection = collectionFrom(name);
    const row = await getRow(atlas, collection, id);
    if (!row) throw notFound(`no ${collection.singular.en.toLowerCase()} with id "${id}"`);
    return json({ ...row, ...(await relatedRows(atlas, collection, id)) });
  });
}

export async function PATCH(request: Request, { params }: Context) {
  return handle(async (atlas) => {
    const { collection: name, id } = await params;
    const collection = collectionFrom(name);
    return json(await updateRow(atlas, collection.id, id, await readJson(request), actorOf(request)));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handle(async (atlas) => {
    const { collection: name, id } = await params;
    await deleteRow(atlas, collectionFrom(name).id, id, actorOf(request));
    return new Response(null, { status: 204 });
  });
}
