import { deliveryLog, visibleAlertRule } from '@/db/deliveries';
import { badRequest } from '@/lib/errors';
import { handle, json, restrictedTo } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

const MAX_LIMIT = 500;

/**
 * GET /api/v1/alerts/{id}/deliveries[?limit=] → the rule's webhook and email deliveries, newest first, each with its
 * attempts (status codes, errors), newest first. Another user's rule is a 404, as the rule itself.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'read', async (ctx) => {
    const { id } = await params;
    const raw = new URL(request.url).searchParams.get('limit');
    const limit = raw === null ? 100 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
    const rule = await visibleAlertRule(ctx.atlas, id, restrictedTo(ctx));
    return json({
      alert: { id: rule.id, title: rule.title, active: rule.active === 1, failing: rule.failing === 1 },
      deliveries: await deliveryLog(ctx.atlas, rule.id, { limit }),
    });
  });
}
