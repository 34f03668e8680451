import { facetColumnsOf, isFacetKey, labelledFacets } from '@/db/facets';
import { badRequest } from '@/lib/errors';
import { parseQuery } from '@/lib/query/parse';
import { collectionFrom, handle, json, restrictedTo } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ collection: string }> }) {
  return handle(request, 'read', async (ctx) => {
    const { atlas } = ctx;
    const collection = collectionFrom((await params).collection);
    const search = new URL(request.url).searchParams;
    const spec = { ...parseQuery(collection, search, { extra: ['facet'] }), visibleTo: restrictedTo(ctx) };
    const requested = search.getAll('facet');
    const keys = [...new Set(requested.length ? requested : facetColumnsOf(collection))];
    for (const key of keys) {
      if (!isFacetKey(collection, key)) throw badRequest(`cannot facet by "${key}"`, 'facet');
    }
    return json({ facets: await labelledFacets(atlas, spec, keys) });
  });
}
