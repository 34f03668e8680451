import { evaluateIndicator } from '@/db/indicators';
import { getRow } from '@/db/rows';
import { getCollection } from '@/lib/collections';
import { notFound } from '@/lib/errors';
import { handle, json } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** A hypothesis's indicator evaluated now: value, threshold, whether it is met, and the value per year. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'read', async ({ atlas }) => {
    const { id } = await params;
    const row = await getRow(atlas, getCollection('hypotheses'), id);
    if (!row) throw notFound(`no hypothesis with id "${id}"`);
    return json({ hypothesisId: row.id, ...(await evaluateIndicator(atlas, row.indicator)) });
  });
}
