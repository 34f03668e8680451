import { sql, type RawBuilder } from 'kysely';
import { getCollection } from '../lib/collections';
import { DEFAULT_MIN_SHARED, DEFAULT_PAIR_LIMIT, windowDates, type NetworkQuery, type RoundWindow } from '../lib/analysis/params';
import type { CoInvestments, NetworkNode } from '../lib/analysis/types';
import type { Atlas } from './connection';
import { roundTypeCondition } from './concentration';
import { keptInvestorRounds, keptPairCounts } from './kept-analysis';
import { COPIES_ALIAS, linkPairCounts, type LinkPairOptions } from './relations';

// The co-investor network: investors that took part in the same rounds, fund rows left out (decision 019), filtered
// by the funded company and the round's year. The pairs come from the counts triggers keep per layer, region and
// year (db/kept-analysis.ts, decision 029); one investor's pairs are counted from its own participations
// (db/relations.ts linkPairCounts), a few hundred rounds looked up by index.

/** The refs column of rounds whose links are the investors. */
const INVESTORS = 'investors';
const rounds = () => getCollection('investments');

/** The round conditions of a window, on the participants' copies of the round's type and date (LinkTable.copies). */
function conditionsOf(query: RoundWindow): Pick<LinkPairOptions, 'copies' | 'owners'> {
  const { from, to } = windowDates(query);
  const announced = sql.ref(`${COPIES_ALIAS}.announced_on`);
  const copies: RawBuilder<boolean>[] = [roundTypeCondition([], COPIES_ALIAS)];
  if (from) copies.push(sql<boolean>`${announced} >= ${from}`);
  if (to) copies.push(sql<boolean>`${announced} <= ${to}`);
  const company: RawBuilder<boolean>[] = [];
  if (query.layer) company.push(sql<boolean>`c.layer = ${query.layer}`);
  if (query.region) company.push(sql<boolean>`c.region = ${query.region}`);
  const owners = company.length ? sql<boolean>`investments.company_id in (select c.id from companies c where ${sql.join(company, sql` and `)})` : null;
  return { copies, owners };
}

/** Names and regions of investors, by id. */
async function investorsById(atlas: Atlas, ids: readonly string[]): Promise<Map<string, Omit<NetworkNode, 'rounds'>>> {
  const found = new Map<string, Omit<NetworkNode, 'rounds'>>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await atlas.db
      .selectFrom('companies')
      .select([sql<string>`id`.as('id'), sql<string>`name`.as('name'), sql<string | null>`name_zh`.as('name_zh'), sql<string | null>`region`.as('region')])
      .where(sql<boolean>`id in (${sql.join(ids.slice(i, i + 500))})`)
      .execute();
    for (const r of rows) found.set(String(r.id), { id: String(r.id), name: String(r.name), name_zh: r.name_zh ?? null, region: r.region ?? null });
  }
  return found;
}

export async function coInvestments(atlas: Atlas, query: NetworkQuery): Promise<CoInvestments> {
  const min = query.min ?? DEFAULT_MIN_SHARED;
  const limit = query.limit ?? DEFAULT_PAIR_LIMIT;
  const conditions = conditionsOf(query);
  const { pairs, total } = query.investor
    ? await linkPairCounts(atlas, rounds(), INVESTORS, { ...conditions, around: query.investor, min, limit })
    : await keptPairCounts(atlas, query, min, limit);
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const [names, counts] = await Promise.all([investorsById(atlas, ids), keptInvestorRounds(atlas, query, ids)]);
  const nodes = ids
    .map((id) => ({ ...(names.get(id) ?? { id, name: id, name_zh: null, region: null }), rounds: counts.get(id) ?? 0 }))
    .sort((x, y) => y.rounds - x.rounds || (x.id < y.id ? -1 : 1));
  return {
    filters: { ...query, min, limit },
    nodes,
    pairs: pairs.map((p) => ({ a: p.a, b: p.b, rounds: p.count })),
    totalPairs: total,
  };
}

export interface CoInvestor {
  id: string;
  name: string;
  name_zh: string | null;
  /** Rounds shared with the investor, fund rows left out. */
  rounds: number;
}

/** An investor's co-investors, most shared rounds first (its detail page). */
export async function topCoInvestors(atlas: Atlas, id: string, limit = 10): Promise<CoInvestor[]> {
  const network = await coInvestments(atlas, { layer: null, region: null, from: null, to: null, min: 1, investor: id, limit });
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  return network.pairs.map((p) => {
    const other = byId.get(p.a === id ? p.b : p.a);
    return { id: other?.id ?? (p.a === id ? p.b : p.a), name: other?.name ?? p.b, name_zh: other?.name_zh ?? null, rounds: p.rounds };
  });
}
