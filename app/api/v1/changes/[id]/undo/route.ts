import { undoChange } from '@/db/repository';
import { badRequest } from '@/lib/errors';
import { handle, json, restrictedTo } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'write', async (ctx) => {
    const raw = (await params).id;
    if (!/^\d{1,15}$/.test(raw)) throw badRequest('a change id is a whole number', 'id');
    return json(await undoChange(ctx.atlas, Number(raw), { actor: ctx.actor, restrictedTo: restrictedTo(ctx) }));
  });
}
