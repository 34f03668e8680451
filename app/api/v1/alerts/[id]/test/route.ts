import { queueTestDelivery, visibleAlertRule } from '@/db/deliveries';
import { handle, json, restrictedTo } from '../../../../_lib/respond';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/alerts/{id}/test → 202 `{ notificationId, deliveries: [{ id, channel }] }`: a test event for the rule's
 * owner and a delivery for each of its webhook and email channels, sent by the next poll of the sender.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, 'read', async (ctx) => {
    const { id } = await params;
    const rule = await visibleAlertRule(ctx.atlas, id, restrictedTo(ctx));
    return json(await queueTestDelivery(ctx.atlas, rule), 202);
  });
}
