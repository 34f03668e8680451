import { getRow } from '@/db/rows';
import { scenarioOutcome } from '@/db/scenarios';
import { getCollection } from '@/lib/collections';
import { notFound } from '@/lib/errors';
import { handle, json } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** A scenario's segment today and under its assumptions: shares, HHI, CR4, equivalent number of firms. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'read', async ({ atlas }) => {
    const { id } = await params;
    const row = await getRow(atlas, getCollection('scenarios'), id);
    if (!row) throw notFound(`no scenario with id "${id}"`);
    return json({ scenarioId: row.id, ...(await scenarioOutcome(atlas, row.assumptions)) });
  });
}
