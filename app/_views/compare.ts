import 'server-only';
import type { Atlas } from '@/db/connection';
import { listRows } from '@/db/rows';
import { compareScenarios, scenariosFor } from '@/db/scenarios';
import { getCollection } from '@/lib/collections';
import { ApiError } from '@/lib/errors';
import { parseQuery } from '@/lib/query/parse';
import { parseCompareParams, type CompareSelection } from '@/lib/scenarios/compare';

/** Everything the scenario comparison shows for its URL; a bad parameter becomes an error to show. */
export async function loadCompare(atlas: Atlas, params: URLSearchParams) {
  let selection: CompareSelection = { ids: [], hypothesis: null };
  let error: string | null = null;
  try {
    selection = parseCompareParams(params);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    error = e.message;
  }
  const chosen = await scenariosFor(atlas, selection);
  const comparison = chosen.length ? await compareScenarios(atlas, chosen) : null;
  const all = (await listRows(atlas, parseQuery(getCollection('scenarios'), new URLSearchParams({ pageSize: '100', sort: 'title' })))).rows;
  return { error, chosen, comparison, all };
}
