import { sql } from 'kysely';
import type { Collection, Row } from '../lib/collections/types';
import { getCollection } from '../lib/collections';
import { parseQuery } from '../lib/query/parse';
import type { Atlas } from './connection';
import { listRows } from './rows';
import { referencesTo } from './where';

const LIMIT = 500;

/**
 * The rows that point at one row, grouped by collection and column (`related.investments.company_id`),
 * plus the rounds a company took part in as an investor and a hypothesis's evidence.
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
  }
  if (collection.id === 'hypotheses') {
    extra.evidence = await atlas.db.selectFrom('evidence').selectAll().where('hypothesis_id', '=', id).orderBy(sql`created_at`).execute();
  }
  return { related, ...extra };
}
