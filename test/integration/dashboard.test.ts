import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '../../app/api/v1/[collection]/route';
import { loadHome } from '../../app/_views/home';
import { fundingByQuarterAndLayer, fundingByYearAndRegion, portfolioOf, roundsBackedBy, topFunded, unicornCount } from '../../db/dashboard';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { loadFixtures } from '../support/fixtures';
import { call } from '../support/http';

// The shared fixtures (OpenAI 1B in 2019, Harvey 5M and Mem 23.5M in Nov 2022 with the OpenAI Startup
// Fund) plus valuations: OpenAI's latest is 29B; Mem was 1.2B, then 500M (its latest, so no unicorn).
const EXTRA = [
  { id: 'openai-2023', company_id: 'openai', announced_on: '2023-01-23', post_money_usd: 29_000_000_000, investors: ['microsoft'] },
  { id: 'mem-2021', company_id: 'mem', announced_on: '2021-06-01', post_money_usd: 1_200_000_000 },
  { id: 'mem-2023', company_id: 'mem', announced_on: '2023-03-01', post_money_usd: 500_000_000 },
  { id: 'zhipu-2023', company_id: 'zhipu-ai', announced_on: '2023-05-10', amount_usd: 2_000_000, post_money_usd: 1_000_000_000 },
  // A fund's size, not a round: every aggregate below leaves it out (issue 21).
  { id: 'fund-2021', company_id: 'openai-startup-fund', round_type: 'fund', instrument: 'fund', announced_on: '2021-05-01', amount_usd: 100_000_000, post_money_usd: 2_000_000_000, investors: ['openai'] },
];

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  await loadFixtures();
  for (const body of EXTRA) {
    const reply = await call(list.POST, '/api/v1/investments', { collection: 'investments' }, { method: 'POST', body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
});
afterAll(async () => t.cleanup());

describe('dashboard aggregates', () => {
  it('unicorns: latest disclosed post-money ≥ US$1B (exactly 1B counts; a later lower mark does not)', async () => {
    expect(await unicornCount(t.atlas)).toBe(2); // openai 29B, zhipu-ai 1B; mem's latest is 500M
  });

  it('disclosed funding by quarter and layer', async () => {
    expect(await fundingByQuarterAndLayer(t.atlas)).toEqual([
      { period: '2019-Q3', layer: 'foundation', total: 1_000_000_000, rounds: 1 },
      { period: '2022-Q4', layer: 'application', total: 28_500_000, rounds: 2 },
      { period: '2023-Q2', layer: 'foundation', total: 2_000_000, rounds: 1 },
    ]);
  });

  it('disclosed funding by year and region', async () => {
    expect(await fundingByYearAndRegion(t.atlas)).toEqual([
      { period: '2019', region: 'overseas', total: 1_000_000_000, rounds: 1 },
      { period: '2022', region: 'overseas', total: 28_500_000, rounds: 2 },
      { period: '2023', region: 'china', total: 2_000_000, rounds: 1 },
    ]);
  });

  it('top funded companies', async () => {
    const top = await topFunded(t.atlas, 3);
    expect(top.map((c) => [c.id, c.total, c.rounds])).toEqual([
      ['openai', 1_000_000_000, 1],
      ['mem', 23_500_000, 1],
      ['harvey', 5_000_000, 1],
    ]);
  });

  it('the disclosed total and its count leave the fund\'s size out', async () => {
    const { summary } = await import('../../db/stats');
    expect(await summary(t.atlas)).toMatchObject({ disclosedFunding: 1_030_500_000, disclosedRounds: 4 });
  });

  it('OpenAI-backed rounds: those with OpenAI or its fund, not the fund\'s own size; round_type=fund still lists it', async () => {
    // harvey-seed and mem-2022 (the fund took part); fund-2021 names OpenAI as investor but is a fund's size.
    expect(await roundsBackedBy(t.atlas, 'openai')).toBe(2);
    expect((await loadHome(t.atlas)).openaiRounds).toBe(2);
    // The tile's link: every round type but fund, so the table holds exactly the counted rounds.
    const notFunds = ['pre_seed', 'seed', 'series_a', 'series_b', 'series_c', 'series_d', 'series_e_plus', 'strategic', 'grant', 'debt', 'ipo', 'other'];
    const query = ['investor=openai', ...notFunds.map((type) => `round_type=${type}`), 'sort=id'].join('&');
    const table = await call(list.GET, `/api/v1/investments?${query}`, { collection: 'investments' });
    expect((table.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(['harvey-seed', 'mem-2022']);
    const funds = await call(list.GET, '/api/v1/investments?investor=openai&round_type=fund', { collection: 'investments' });
    expect((funds.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(['fund-2021']);
  });

  it('the OpenAI portfolio: companies funded by OpenAI or its fund, OpenAI itself left out', async () => {
    const portfolio = await portfolioOf(t.atlas, 'openai');
    expect(portfolio.map((c) => [c.id, c.rounds, c.total, c.latest])).toEqual([
      ['harvey', 1, 5_000_000, '2022-11-23'],
      ['mem', 1, 23_500_000, '2022-11-01'],
    ]);
  });
});
