import { sql } from 'kysely';
import type { Collection, Row } from '../lib/collections/types';
import { getCollection } from '../lib/collections';
import { parseQuery } from '../lib/query/parse';
import { topCoInvestors } from './coinvestments';
import type { Atlas } from './connection';
import { evidenceCounts, evidenceOf } from './evidence';
import { listRows } from './rows';
import { referencesTo } from './where';

const LIMIT = 500;

/**
 * The rows that point at one row, grouped by collection and column (`related.investments.company_id`),
 * plus the rounds a company took part in as an investor, its top co-investors, and a hypothesis's evidence.
 */
export async function relatedRows(atlas: Atlas, collection: Collection, id: string): Promise<Record<string, unknown>> {
  const related: Record<string, Record<string, Row[]>> = {};
  for (const { collection: other, column } of referencesTo(collection)) {
    const spec = parseQuery(other, new URLSearchParams({ [column.id]: id, pageSize: String(LIMIT) }));
    const page = await listRows(atlas, spec);
    if (page.rows.length) (related[other.id] ??= {})[column.id] = page.rows;
  }
  const extra: Record<string, unknown> = {};
  if (collection.id === 'companies') {
    const investments = getCollection('investments');
    const spec = parseQuery(investments, new URLSearchParams({ investor: id, pageSize: String(LIMIT) }));
    extra.investmentsMade = (await listRows(atlas, spec)).rows;
    extra.coInvestors = await topCoInvestors(atlas, id);
  }
  if (collection.id === 'hypotheses') {
    const evidence = await evidenceOf(atlas, id);
    extra.evidence = evidence;
    extra.evidenceCounts = evidenceCounts(evidence);
  }
  extra.citedBy = await citingHypotheses(atlas, collection.id, id);
  return { related, ...extra };
}

/** Hypotheses whose evidence points at this row. */
export async function citingHypotheses(atlas: Atlas, collectionId: string, id: string) {
  return atlas.db
    .selectFrom('evidence as e')
    .innerJoin('hypotheses as h', (join) => join.on(sql<boolean>`h.id = e.hypothesis_id`))
    .select([sql<string>`h.id`.as('id'), sql<string>`h.code`.as('code'), sql<string>`h.title`.as('title'), sql<string | null>`h.title_zh`.as('title_zh'), 'e.stance', 'e.note'])
    .where('e.target_collection', '=', collectionId)
    .where('e.target_id', '=', id)
    .orderBy(sql`h.code`)
    .execute();
}
