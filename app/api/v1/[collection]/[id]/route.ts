import { displayFxOf } from '@/db/fx';
import { relatedRows } from '@/db/related';
import { deleteRow, updateRow } from '@/db/repository';
import { getRow } from '@/db/rows';
import { findCollection } from '@/lib/collections';
import { notFound } from '@/lib/errors';
import { convertAnswer } from '@/lib/fx/convert';
import { parseCurrencyParam } from '@/lib/fx/param';
import { assertVisible } from '@/db/ownership';
import { prepareAlertWrite, withGeneratedSecret } from '../../../_lib/alert-writes';
import { collectionFrom, handle, json, readJson, restrictedTo } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';
type Context = { params: Promise<{ collection: string; id: string }> };

export async function GET(request: Request, { params }: Context) {
  return handle(request, 'read', async (ctx) => {
    const { atlas } = ctx;
    const { collection: name, id } = await params;
    const collection = collectionFrom(name);
    // `currency=CNY`: the answer's money in CNY at each row's year (lib/fx); checked before the row is read.
    const display = await displayFxOf(atlas.db, parseCurrencyParam(new URL(request.url).searchParams.get('currency')));
    const row = await getRow(atlas, collection, id);
    if (!row) throw notFound(`no ${collection.singular.en.toLowerCase()} with id "${id}"`);
    assertVisible(collection, row, restrictedTo(ctx));
    const answer = { ...row, ...(await relatedRows(atlas, collection, id)) };
    return json(display ? convertAnswer(collection, answer, display, findCollection) : answer);
  });
}

// A viewer may keep their own inbox alert rules (issue 18): alerts check the role themselves.
const permissionFor = (name: string) => (name === 'alerts' ? 'read' : 'write');

export async function PATCH(request: Request, { params }: Context) {
  const { collection: name, id } = await params;
  return handle(request, permissionFor(name), async (ctx) => {
    const collection = collectionFrom(name);
    const body = await readJson(request);
    if (collection.id === 'alerts') {
      const existing = await getRow(ctx.atlas, collection, id);
      if (existing) assertVisible(collection, existing, restrictedTo(ctx));
      const write = await prepareAlertWrite(ctx, body, id);
      const row = await updateRow(ctx.atlas, collection.id, id, write.body, { actor: ctx.actor, restrictedTo: restrictedTo(ctx), hidden: write.hidden });
      return json(withGeneratedSecret(row, write.generated));
    }
    return json(await updateRow(ctx.atlas, collection.id, id, body, { actor: ctx.actor, restrictedTo: restrictedTo(ctx) }));
  });
}

export async function DELETE(request: Request, { params }: Context) {
  return handle(request, permissionFor((await params).collection), async (ctx) => {
    const { collection: name, id } = await params;
    await deleteRow(ctx.atlas, collectionFrom(name).id, id, { actor: ctx.actor, restrictedTo: restrictedTo(ctx) });
    return new Response(null, { status: 204 });
  });
}
