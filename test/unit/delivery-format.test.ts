import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailMessage } from '../../lib/alerts/email';
import { eventUrl, MAX_TRIES, parsePayload, retryDelayMs, verifyWebhookSignature, webhookBody, webhookHeaders, type DeliveryEvent } from '../../lib/alerts/delivery-format';

const EVENT: DeliveryEvent = {
  deliveryId: '0b6f0c1e-8f7a-4c55-9d43-1d2f3a4b5c6d',
  alert: { id: 'seed', title: 'Seed <rounds>' },
  kind: 'new-rows',
  at: '2026-12-07T09:00:00.000Z',
  summary: '3 new rounds',
  summaryZh: '3 笔新融资',
  url: '/investments?id=a&id=b',
  payload: { rows: { count: 2, ids: ['a', 'b'] } },
};

describe('webhook format', () => {
  it('backs off exponentially from the base, 8 tries in all', () => {
    expect(MAX_TRIES).toBe(8);
    expect([1, 2, 3, 7].map((n) => retryDelayMs(60_000, n))).toEqual([60_000, 120_000, 240_000, 3_840_000]);
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret, as the README receiver checks', () => {
    const body = webhookBody(EVENT, undefined);
    const headers = webhookHeaders(EVENT.deliveryId, 'k'.repeat(24), body, new Date('2026-12-07T09:00:05Z'));
    expect(headers['X-Atlas-Timestamp']).toBe('1796634005');
    expect(headers['X-Atlas-Signature']).toBe(`sha256=${createHmac('sha256', 'k'.repeat(24)).update(`1796634005.${body}`).digest('hex')}`);
    expect(verifyWebhookSignature('k'.repeat(24), '1796634005', body, headers['X-Atlas-Signature'])).toBe(true);
    expect(verifyWebhookSignature('k'.repeat(24), '1796634006', body, headers['X-Atlas-Signature'])).toBe(false);
    expect(verifyWebhookSignature('k'.repeat(24), '1796634005', `${body} `, headers['X-Atlas-Signature'])).toBe(false);
    expect(JSON.parse(body)).toEqual({
      id: EVENT.deliveryId,
      alert: { id: 'seed', title: 'Seed <rounds>' },
      event: { kind: 'new-rows', at: EVENT.at, summary: '3 new rounds', summary_zh: '3 笔新融资', url: '/investments?id=a&id=b', rows: { count: 2, ids: ['a', 'b'] } },
    });
  });

  it('makes links absolute only against ATLAS_PUBLIC_URL', () => {
    expect(eventUrl('/investments?x=1', undefined)).toBe('/investments?x=1');
    expect(eventUrl('/investments?x=1', 'https://atlas.example.org')).toBe('https://atlas.example.org/investments?x=1');
    expect(eventUrl('https://elsewhere.example/x', 'https://atlas.example.org')).toBe('https://elsewhere.example/x');
    expect(eventUrl(null, 'https://atlas.example.org')).toBeNull();
  });

  it('reads a stored payload leniently', () => {
    expect(parsePayload(null)).toEqual({});
    expect(parsePayload('not json')).toEqual({});
    expect(parsePayload('{"rows":{"count":"x"}}')).toEqual({});
    expect(parsePayload('{"metric":{"value":99.1}}')).toEqual({ metric: { value: 99.1 } });
  });

  it('escapes the rule and event in the email HTML, with both languages in both parts', () => {
    const { subject, text, html } = emailMessage(EVENT, 'https://atlas.example.org');
    expect(subject).toBe('AIGC Atlas alert “Seed <rounds>”: 3 new rounds');
    expect(html).toContain('Seed &lt;rounds&gt;');
    expect(html).not.toContain('<rounds>');
    expect(html).toContain('href="https://atlas.example.org/investments?id=a&amp;id=b"');
    expect(text).toContain('3 new rounds');
    expect(text).toContain('3 笔新融资');
    expect(html).toContain('3 笔新融资');
  });
});
