import { expect } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import { call } from './http';

/**
 * A foundation-layer market to compute by hand (on top of loadFixtures), window from 2022:
 *   openai 600M (2023) · anthropic 300M (2022) · zhipu-ai 100M (2023) · cohere undisclosed (2023)
 *   shares 60 / 30 / 10 → HHI 3,600 + 900 + 100 = 4,600, CR4 100, one round excluded.
 *   2022: anthropic alone → HHI 10,000. 2023: 600 / 100 → 85.714… / 14.285… → HHI 7,551.02…
 */
export const MARKET_2022 = { hhi: 4600, cr4: 100, excluded: 1, hhi2023: (600 / 7) ** 2 + (100 / 7) ** 2 };

export async function loadMarket(): Promise<void> {
  const post = (collection: string, body: unknown) => call(list.POST, `/api/v1/${collection}`, { collection }, { method: 'POST', body });
  const rows: [string, Record<string, unknown>][] = [
    ['companies', { id: 'anthropic', name: 'Anthropic', kind: 'builder', country: 'US', layer: 'foundation' }],
    ['companies', { id: 'cohere', name: 'Cohere', kind: 'builder', country: 'CA', layer: 'foundation' }],
    ['investments', { id: 'openai-2023', company_id: 'openai', announced_on: '2023-01-23', amount_usd: 600_000_000 }],
    ['investments', { id: 'anthropic-2022', company_id: 'anthropic', announced_on: '2022-04-01', amount_usd: 300_000_000 }],
    ['investments', { id: 'zhipu-2023', company_id: 'zhipu-ai', announced_on: '2023-06-01', amount_usd: 100_000_000 }],
    ['investments', { id: 'cohere-2023', company_id: 'cohere', announced_on: '2023-06-08', amount_usd: null }],
  ];
  for (const [collection, body] of rows) {
    const reply = await post(collection, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
}
