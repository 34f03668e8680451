import { undoChange } from '@/db/repository';
import { badRequest } from '@/lib/errors';
import { handle, json } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'write', async ({ atlas, actor }) => {
    const raw = (await params).id;
    if (!/^\d{1,15}$/.test(raw)) throw badRequest('a change id is a whole number', 'id');
    return json(await undoChange(atlas, Number(raw), { actor }));
  });
}
