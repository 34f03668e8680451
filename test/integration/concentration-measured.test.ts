// Reports measured by the database (db/measured-report.ts: SQLite) against the same reports computed from every firm's
// value, over a market of more firms than a Lorenz curve keeps points for (so the points are sampled), with equal
// values (ties broken by id), firms without an amount and rounds without a date. On PostgreSQL, which reads the rows
// (decision 038), the same tests hold a report naming few firms equal to one naming all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concentrationReport, marketOf } from '../../db/concentration';
import { dynamic } from '../../db/types';
import { buildReport, MAX_LORENZ_POINTS, parseConcentrationQuery } from '../../lib/concentration';
import { useTestDatabase, type TestDatabase } from '../support/database';
import { expectSameReport } from '../support/reports';

const COMPANIES = 420;
const STAMP = '2026-01-01T00:00:00.000Z';
const pad = (n: number) => String(n).padStart(4, '0');

let t: TestDatabase;
beforeAll(async () => {
  t = await useTestDatabase();
  let s = 38;
  const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const companies = Array.from({ length: COMPANIES }, (_, i) => ({
    // Ids whose order differs between byte order and a language collation: case and punctuation.
    id: i % 7 === 0 ? `M-${pad(i)}` : i % 5 === 0 ? `m_${pad(i)}` : `m-${pad(i)}`,
    name: `Measured ${i}`,
    kind: 'builder',
    country: i % 3 === 0 ? 'CN' : 'US',
    region: i % 3 === 0 ? 'china' : 'overseas',
    layer: i % 4 === 0 ? 'foundation' : 'application',
    created_at: STAMP,
    updated_at: STAMP,
  }));
  const rounds = companies.flatMap((company, i) =>
    Array.from({ length: 1 + (i % 3) }, (_, j) => ({
      id: `mr-${pad(i)}-${j}`,
      company_id: company.id,
      round_type: j === 0 ? 'seed' : 'series_a',
      announced_on: i % 50 === 7 ? null : `${2019 + ((i + j) % 6)}-0${1 + (j % 6)}-15`,
      date_precision: 'day',
      // A few amounts only, so that many firms tie; some rounds without one.
      amount_usd: random() < 0.1 ? null : [1, 2, 5, 5, 10, 40][Math.floor(random() * 6)] * 1_000_000,
      disputed: 0,
      created_at: STAMP,
      updated_at: STAMP,
    })),
  );
  for (let i = 0; i < companies.length; i += 200) await dynamic(t.atlas.db).insertInto('companies').values(companies.slice(i, i + 200)).execute();
  for (let i = 0; i < rounds.length; i += 200) await dynamic(t.atlas.db).insertInto('investments').values(rounds.slice(i, i + 200)).execute();
});
afterAll(async () => t.cleanup());

describe('a report measured by the database', () => {
  it.each(['basis=funding', 'basis=rounds', 'basis=funding&region=china', 'basis=rounds&layer=foundation&from=2021&to=2023', 'basis=funding&from=2030'])(
    '%s: the same report as from every firm’s value',
    async (text) => {
      const query = parseConcentrationQuery(new URLSearchParams(text));
      const all = buildReport(query, await marketOf(t.atlas, query), null);
      for (const top of [0, 1, 8, 12, 64]) expectSameReport(await concentrationReport(t.atlas, query, top), all, top);
    },
  );

  it('samples the Lorenz curve of more firms than it keeps points for', async () => {
    const report = await concentrationReport(t.atlas, parseConcentrationQuery(new URLSearchParams('basis=funding')), 0);
    expect(report.n).toBeGreaterThan(MAX_LORENZ_POINTS);
    expect(report.lorenz).toHaveLength(MAX_LORENZ_POINTS);
    expect(report.lorenz[0]).toEqual([0, 0]);
    expect(report.lorenz[MAX_LORENZ_POINTS - 1]).toEqual([1, 1]);
  });
});
