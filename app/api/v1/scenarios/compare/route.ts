import { compareScenarios, scenariosFor } from '@/db/scenarios';
import { badRequest } from '@/lib/errors';
import { parseCompareParams } from '@/lib/scenarios/compare';
import { handle, json } from '../../../_lib/respond';

export const dynamic = 'force-dynamic';

/** Scenarios side by side (`ids=a,b,c` or `hypothesis=`), with the probability-weighted expectation. */
export async function GET(request: Request) {
  return handle(request, 'read', async ({ atlas }) => {
    const selection = parseCompareParams(new URL(request.url).searchParams);
    if (!selection.ids.length && !selection.hypothesis) throw badRequest('name the scenarios: ids=a,b,c or hypothesis=<id>', 'ids');
    const comparison = await compareScenarios(atlas, await scenariosFor(atlas, selection));
    return json({
      scenarios: comparison.scenarios.map(({ row, outcome }) => ({
        id: row.id,
        title: row.title,
        kind: row.kind,
        probability: row.probability,
        horizon: row.horizon,
        hypothesis_id: row.hypothesis_id,
        outcome,
      })),
      expectation: comparison.expectation,
      sameSegment: comparison.sameSegment,
    });
  });
}
