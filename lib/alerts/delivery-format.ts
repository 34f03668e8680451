import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// What a webhook receives (docs/API.md, "Webhook deliveries") and how it is signed; the retry schedule of every
// channel (docs/decisions/035-delivery-sender.md).

/** Tries of one delivery in all, the first included; after the last failure it is `failed` and its rule `failing`. */
export const MAX_TRIES = 8;

/** The pause before try `attempt + 1` after `attempt` tries failed: base × 2^(attempt − 1). */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

/** notifications.payload: what the outbox knew of the rows, the indicator or the measure. */
export const notificationPayloadSchema = z
  .object({
    rows: z.object({ count: z.number(), ids: z.array(z.string()).optional() }).passthrough().optional(),
    indicator: z.record(z.string(), z.unknown()).optional(),
    metric: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
export type NotificationPayload = z.infer<typeof notificationPayloadSchema>;

/** A stored payload, or {} when there is none or it is not what the schema says (the event is still sent). */
export function parsePayload(raw: string | null): NotificationPayload {
  if (!raw) return {};
  try {
    const parsed = notificationPayloadSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export interface DeliveryEvent {
  deliveryId: string;
  alert: { id: string; title: string };
  kind: string;
  at: string;
  summary: string;
  summaryZh: string | null;
  /** As stored: a path of the app (`/investments?…`) or already absolute. */
  url: string | null;
  payload: NotificationPayload;
}

/** The event's link: absolute against ATLAS_PUBLIC_URL when that is set, else the app's path as stored. */
export function eventUrl(url: string | null, publicUrl: string | undefined): string | null {
  if (url === null) return null;
  if (!publicUrl) return url;
  try {
    return new URL(url, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).href;
  } catch {
    return url;
  }
}

/** The JSON body of a webhook POST. */
export function webhookBody(event: DeliveryEvent, publicUrl: string | undefined): string {
  const { rows, indicator, metric } = event.payload;
  return JSON.stringify({
    id: event.deliveryId,
    alert: { id: event.alert.id, title: event.alert.title },
    event: {
      kind: event.kind,
      at: event.at,
      summary: event.summary,
      ...(event.summaryZh ? { summary_zh: event.summaryZh } : {}),
      url: eventUrl(event.url, publicUrl),
      ...(rows ? { rows } : {}),
      ...(indicator ? { indicator } : {}),
      ...(metric ? { metric } : {}),
    },
  });
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` keyed by the rule's secret. */
export function webhookSignature(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (README "Webhooks"): recompute and compare in constant time. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const USER_AGENT = 'AIGC-Atlas-Webhook/1.0';

export function webhookHeaders(deliveryId: string, secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'Content-Type': 'application/json',
    'User-Agent': USER_AGENT,
    'X-Atlas-Delivery': deliveryId,
    'X-Atlas-Timestamp': String(timestamp),
    'X-Atlas-Signature': webhookSignature(secret, timestamp, body),
  };
}
