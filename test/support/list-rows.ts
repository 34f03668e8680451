import type { Atlas } from '../../db/connection';
import { writeLinks } from '../../db/relations';
import { dynamic } from '../../db/types';
import { getCollection } from '../../lib/collections';

// Rows for the list-shape tests (test/integration/list-shapes.test.ts): companies and rounds with nulls and ties in
// every sortable column, a facet value matching most rows and one matching few, and 0–3 participants per round among
// 20 investors (some with children), written straight into the tables (the counting triggers keep their counts).

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const COMPANIES = 240;
const ROUNDS = 900;
const pad = (n: number) => String(n).padStart(4, '0');
const STAMPS = ['2026-01-01T00:00:00.000Z', '2026-01-02T08:30:00.000Z', '2026-02-10T12:00:00.000Z'];

export async function insertShapeRows(atlas: Atlas): Promise<void> {
  const random = seeded(16);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const sometimes = <T>(share: number, value: () => T): T | null => (random() < share ? value() : null);
  const companies = Array.from({ length: COMPANIES }, (_, i) => {
    const country = i % 97 === 5 ? 'SG' : sometimes(0.9, () => pick(['US', 'CN', 'GB']));
    const stamp = pick(STAMPS);
    return {
      id: `c-${pad(i)}`,
      name: `Company ${i % 50}`,
      name_zh: sometimes(0.4, () => pick(['智谱', '百度', '月之暗面'])),
      kind: pick(['builder', 'builder', 'investor', 'adopter', 'other']),
      country,
      region: country === null ? null : country === 'CN' ? 'china' : 'overseas',
      layer: random() < 0.6 ? 'foundation' : sometimes(0.5, () => pick(['infrastructure', 'application'])),
      modality: sometimes(0.7, () => pick(['text', 'image', 'code'])),
      vertical: sometimes(0.3, () => pick(['legal', 'notes'])),
      business_model: sometimes(0.3, () => pick(['b2b', 'b2c'])),
      founded_year: sometimes(0.8, () => 2000 + Math.floor(random() * 20)),
      hq: sometimes(0.2, () => pick(['Beijing', 'San Francisco'])),
      status: sometimes(0.5, () => pick(['private', 'public'])),
      parent_id: i > 10 ? sometimes(0.1, () => `c-${pad(Math.floor(random() * 10))}`) : null,
      confidence: sometimes(0.8, () => pick(['verified', 'reported', 'estimate'])),
      created_at: stamp,
      updated_at: random() < 0.5 ? stamp : pick(STAMPS),
    };
  });
  const rounds = Array.from({ length: ROUNDS }, (_, i) => {
    const amount = sometimes(0.9, () => (1 + Math.floor(random() * 120)) * 1_000_000);
    const original = sometimes(0.2, () => (1 + Math.floor(random() * 30)) * 500_000);
    const stamp = pick(STAMPS);
    const r = random();
    return {
      id: `r-${pad(i)}`,
      company_id: i % 60 === 3 ? 'c-0003' : `c-${pad(Math.floor(random() * 60))}`,
      round_type: r < 0.3 ? 'seed' : r < 0.31 ? 'ipo' : r < 0.36 ? null : pick(['series_a', 'series_b', 'other']),
      announced_on: sometimes(0.95, () => `${2015 + Math.floor(random() * 10)}-0${1 + Math.floor(random() * 6)}-01`),
      date_precision: 'day',
      amount_usd: amount,
      amount_original: original,
      currency: original === null ? sometimes(0.1, () => 'USD') : pick(['CNY', 'EUR']),
      amount_usd_basis: amount === null ? null : original === null ? 'reported' : 'converted',
      post_money_usd: sometimes(0.3, () => (1 + Math.floor(random() * 20)) * 10_000_000),
      instrument: sometimes(0.8, () => pick(['equity', 'convertible'])),
      disputed: random() < 0.05 ? 1 : 0,
      confidence: sometimes(0.85, () => pick(['verified', 'reported', 'estimate'])),
      created_at: stamp,
      updated_at: random() < 0.5 ? stamp : pick(STAMPS),
    };
  });
  for (let i = 0; i < companies.length; i += 200) await dynamic(atlas.db).insertInto('companies').values(companies.slice(i, i + 200)).execute();
  for (let i = 0; i < rounds.length; i += 200) await dynamic(atlas.db).insertInto('investments').values(rounds.slice(i, i + 200)).execute();
  const links = rounds.map((round) => {
    const investors = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => `c-${pad(Math.floor(random() * 20))}`))];
    return { id: round.id, lists: { investors, lead_investors: investors.filter(() => random() < 0.5) }, replace: false };
  });
  await writeLinks(atlas.db, getCollection('investments'), links);
}
