import { facetCounts } from '@/db/rows';
import { findColumn } from '@/lib/collections';
import { badRequest } from '@/lib/errors';
import { parseQuery } from '@/lib/query/parse';
import { collectionFrom, handle, json } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ collection: string }> }) {
  return handle(request, 'read', async ({ atlas }) => {
    const collection = collectionFrom((await params).collection);
    const search = new URL(request.url).searchParams;
    const spec = parseQuery(collection, search, { extra: ['facet'] });
    const requested = search.getAll('facet');
    const ids = requested.length ? requested : collection.columns.filter((c) => c.filter === 'facet').map((c) => c.id);
    for (const id of ids) {
      const column = findColumn(collection, id);
      if (!column || column.virtual || column.type === 'json') throw badRequest(`cannot facet by "${id}"`, 'facet');
    }
    return json({ facets: await facetCounts(atlas, spec, [...new Set(ids)]) });
  });
}
