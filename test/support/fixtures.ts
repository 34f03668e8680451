import { expect } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import { call } from './http';

export const COMPANIES = [
  { id: 'openai', name: 'OpenAI', kind: 'builder', country: 'US', layer: 'foundation', modality: 'multimodal', founded_year: 2015 },
  { id: 'openai-startup-fund', name: 'OpenAI Startup Fund', kind: 'investor', country: 'US', parent_id: 'openai' },
  { id: 'microsoft', name: 'Microsoft', name_zh: '微软', kind: 'builder', country: 'US', layer: 'infrastructure' },
  { id: 'harvey', name: 'Harvey', kind: 'builder', country: 'US', layer: 'application', vertical: 'legal', founded_year: 2022 },
  { id: 'mem', name: 'Mem', kind: 'builder', country: 'US', layer: 'application', vertical: 'notes', founded_year: 2019 },
  { id: 'zhipu-ai', name: 'Zhipu AI', name_zh: '智谱AI', kind: 'builder', country: 'CN', layer: 'foundation', modality: 'text', founded_year: 2019 },
  { id: 'baidu', name: 'Baidu', name_zh: '百度', kind: 'builder', country: 'CN', layer: 'foundation', modality: 'multimodal' },
  { id: 'sequoia', name: 'Sequoia', kind: 'investor', country: 'US' },
];

export const INVESTMENTS = [
  { id: 'msft-2019', company_id: 'openai', round_type: 'strategic', announced_on: '2019-07-22', date_precision: 'day', amount_usd: 1_000_000_000, lead_investors: ['microsoft'], investors: ['microsoft'] },
  { id: 'msft-2021', company_id: 'openai', round_type: 'strategic', announced_on: '2021-01-01', date_precision: 'year', amount_usd: null, investors: ['microsoft'] },
  { id: 'harvey-seed', company_id: 'harvey', round_type: 'seed', announced_on: '2022-11-23', date_precision: 'day', amount_usd: 5_000_000, lead_investors: ['openai-startup-fund'], investors: ['openai-startup-fund', 'sequoia'] },
  { id: 'mem-2022', company_id: 'mem', round_type: 'other', announced_on: '2022-11-01', date_precision: 'month', amount_usd: 23_500_000, investors: ['openai-startup-fund'] },
  { id: 'zhipu-a', company_id: 'zhipu-ai', round_type: 'series_a', announced_on: null, amount_usd: null, investors: ['sequoia'], lead_investors: ['sequoia'] },
];

export async function loadFixtures(): Promise<void> {
  for (const company of COMPANIES) {
    const reply = await call(list.POST, '/api/v1/companies', { collection: 'companies' }, { method: 'POST', body: company });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
  for (const investment of INVESTMENTS) {
    const reply = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body: investment });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
}
