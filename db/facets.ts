import { sql } from 'kysely';
import { getCollection } from '../lib/collections';
import type { QuerySpec } from '../lib/query/spec';
import type { Atlas } from './connection';
import { facetCounts, refNames, type FacetValue } from './rows';
import { dynamic } from './types';
import { col, whereOf } from './where';

export interface LabelledFacet extends FacetValue {
  /** Display name for ref values (company names); the UI translates enum values itself. */
  name?: string;
  name_zh?: string | null;
}

/** Facet columns of a table: the registry's facet filters. */
export const facetColumnsOf = (spec: QuerySpec) => spec.collection.columns.filter((c) => c.filter === 'facet' && !c.virtual).map((c) => c.id);

/** Counts of rounds per participant, honouring every filter except the participant filters. */
async function investorFacet(atlas: Atlas, spec: QuerySpec, limit: number): Promise<FacetValue[]> {
  const without = { ...spec, participants: [] };
  const found = await dynamic(atlas.db)
    .selectFrom('investment_participants as fp')
    .innerJoin(spec.collection.table, (join) => join.on(sql<boolean>`${col(spec.collection, 'id')} = fp.investment_id`))
    .select([sql<string>`fp.investor_id`.as('value'), sql<number>`count(*)`.as('count')])
    .where(whereOf(atlas.dialect, without))
    .groupBy(sql`fp.investor_id`)
    .orderBy(sql`count(*) desc`)
    .orderBy(sql`fp.investor_id`)
    .limit(limit)
    .execute();
  return found.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}

/** Counts per year of a date column, honouring every filter except the ranges on that column. */
async function yearFacet(atlas: Atlas, spec: QuerySpec, columnId: string): Promise<FacetValue[]> {
  const year = sql<string>`substr(${col(spec.collection, columnId)}, 1, 4)`;
  const found = await dynamic(atlas.db)
    .selectFrom(spec.collection.table)
    .select([year.as('value'), sql<number>`count(*)`.as('count')])
    .where(whereOf(atlas.dialect, spec, columnId))
    .groupBy(year)
    .orderBy(year, 'desc')
    .limit(100)
    .execute();
  return found.map((r) => ({ value: (r.value as string | null) ?? null, count: Number(r.count) }));
}

/**
 * Everything the filter bar shows: the registry's facet columns, plus for rounds the investor facet
 * and for dated collections a year facet; ref values carry their display names.
 */
export async function tableFacets(atlas: Atlas, spec: QuerySpec, limit = 200): Promise<Record<string, LabelledFacet[]>> {
  const facets: Record<string, LabelledFacet[]> = await facetCounts(atlas, spec, facetColumnsOf(spec), limit);
  if (spec.collection.participantFilters?.length) facets.investor = await investorFacet(atlas, spec, limit);
  const dated = spec.collection.columns.find((c) => c.type === 'date' && c.filter === 'range');
  if (dated) facets.year = await yearFacet(atlas, spec, dated.id);

  for (const [key, values] of Object.entries(facets)) {
    const column = spec.collection.columns.find((c) => c.id === key);
    const target = key === 'investor' ? 'companies' : column?.type === 'ref' ? column.ref : undefined;
    if (!target) continue;
    const names = await refNames(atlas, getCollection(target), values.map((v) => String(v.value)).filter((v) => v !== 'null'));
    for (const v of values) {
      const found = v.value === null ? undefined : names.get(String(v.value));
      if (found) Object.assign(v, { name: found.name, name_zh: found.name_zh ?? null });
    }
  }
  return facets;
}
