import { sql } from 'kysely';
import { getCollection } from '../lib/collections';
import type { Collection } from '../lib/collections/types';
import type { QuerySpec } from '../lib/query/spec';
import type { Atlas } from './connection';
import { keepsCounts, keptInvestorCounts, keptYearCounts } from './kept-counts';
import { facetCounts, refNames, type FacetValue } from './rows';
import { dynamic } from './types';
import { col, conditionsOf, filtersOn } from './where';

export interface LabelledFacet extends FacetValue {
  /** Display name for ref values (company names); the UI translates enum values itself. */
  name?: string;
  name_zh?: string | null;
}

/** Facet columns of a table: the registry's facet filters. */
export const facetColumnsOf = (collection: Collection) => collection.columns.filter((c) => c.filter === 'facet' && !c.virtual).map((c) => c.id);

const datedColumn = (collection: Collection) => collection.columns.find((c) => c.type === 'date' && c.filter === 'range');

/** Everything the filter bar offers: the facet columns, plus `investor` for rounds and `year` for dated rows. */
export function facetKeysOf(collection: Collection): string[] {
  return [...facetColumnsOf(collection), ...(collection.participantFilters?.length ? ['investor'] : []), ...(datedColumn(collection) ? ['year'] : [])];
}

/** Any stored, non-JSON column can be counted, plus the extra keys of facetKeysOf. */
export function isFacetKey(collection: Collection, key: string): boolean {
  if (facetKeysOf(collection).includes(key)) return true;
  const column = collection.columns.find((c) => c.id === key);
  return Boolean(column && !column.virtual && column.type !== 'json');
}

/** Columns of a round that each participant row carries a copy of (migration 007). */
const COPIED_TO_PARTICIPANTS = new Set(['round_type', 'announced_on']);

/**
 * Counts of rounds per participant from the participants' own copies of the round's type and date. The
 * index (round_type, investor_id, announced_on) hands over one round type's participants in investor order,
 * so they are counted without a sort; several round types are counted one by one and the counts added.
 */
async function investorCountsFromCopies(atlas: Atlas, spec: QuerySpec, limit: number): Promise<FacetValue[]> {
  const split = spec.filters.find((f) => f.column.id === 'round_type' && f.op === 'eq' && f.values.length > 1);
  const parts = split ? split.values.map((v) => ({ ...spec, filters: spec.filters.map((f) => (f === split ? { ...f, values: [v] } : f)) })) : [spec];
  const counted = parts.map((part) => {
    const where = filtersOn(atlas.dialect, part, 'fp');
    return sql`select fp.investor_id as value, count(*) as n from investment_participants fp${where ? sql` where ${where}` : sql``} group by fp.investor_id`;
  });
  const { rows } = await sql<{ value: string; count: number | string }>`select per_part.value, sum(per_part.n) as count
    from (${sql.join(counted, sql` union all `)}) as per_part
    group by per_part.value order by count desc, per_part.value limit ${limit}`.execute(atlas.db);
  return rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}

/**
 * Counts of rounds per participant, honouring every filter except the participant filters. When the other
 * filters are only on the round's type and date, the participants' copies of them answer alone. Otherwise the
 * matching round ids are collected first (in id order) and their participants looked up in that order, which
 * keeps the lookups on neighbouring index pages.
 */
async function investorFacet(atlas: Atlas, spec: QuerySpec, limit: number): Promise<FacetValue[]> {
  const { collection } = spec;
  if (spec.q === null && spec.filters.length === 0) return keptInvestorCounts(atlas, limit);
  if (spec.q === null && spec.filters.every((f) => COPIED_TO_PARTICIPANTS.has(f.column.id))) return investorCountsFromCopies(atlas, spec, limit);
  const rounds = conditionsOf(atlas.dialect, { ...spec, participants: [] });
  const found = await dynamic(atlas.db)
    .selectFrom('investment_participants as fp')
    .select([sql<string>`fp.investor_id`.as('value'), sql<number>`count(*)`.as('count')])
    .$if(rounds !== null, (qb) => qb.where(sql<boolean>`fp.investment_id in (select ${col(collection, 'id')} from ${sql.table(collection.table)} where ${rounds})`))
    .groupBy(sql`fp.investor_id`)
    .orderBy(sql`count(*) desc`)
    .orderBy(sql`fp.investor_id`)
    .limit(limit)
    .execute();
  return found.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}

/**
 * Counts per year of a date column, honouring every filter except the ranges on that column. Counted per
 * date first, then summed per year: grouping by the date itself follows an index on it in order, where
 * grouping a million rows by substr(date) would sort them all.
 */
async function yearFacet(atlas: Atlas, spec: QuerySpec, columnId: string): Promise<FacetValue[]> {
  const date = col(spec.collection, columnId);
  const where = conditionsOf(atlas.dialect, spec, columnId);
  if (where === null && keepsCounts(spec.collection, columnId)) return keptYearCounts(atlas, columnId);
  const perDate = dynamic(atlas.db)
    .selectFrom(spec.collection.table)
    .select([sql<string | null>`${date}`.as('d'), sql<number>`count(*)`.as('n')])
    .$if(where !== null, (qb) => qb.where(where!))
    .groupBy(date);
  const year = sql<string | null>`substr(per_date.d, 1, 4)`;
  const found = await atlas.db
    .selectFrom(perDate.as('per_date'))
    .select([year.as('value'), sql<number>`sum(per_date.n)`.as('count')])
    .groupBy(year)
    .orderBy(year, 'desc')
    .limit(100)
    .execute();
  return found.map((r) => ({ value: r.value ?? null, count: Number(r.count) }));
}

/** Counts for the given facet keys (see facetKeysOf); ref and investor values carry display names. */
export async function labelledFacets(atlas: Atlas, spec: QuerySpec, keys: string[], limit = 200): Promise<Record<string, LabelledFacet[]>> {
  const facets: Record<string, LabelledFacet[]> = {};
  const dated = datedColumn(spec.collection);
  for (const key of keys) {
    if (key === 'investor' && spec.collection.participantFilters?.length) facets.investor = await investorFacet(atlas, spec, limit);
    else if (key === 'year' && dated) facets.year = await yearFacet(atlas, spec, dated.id);
    else Object.assign(facets, await facetCounts(atlas, spec, [key], limit));
  }
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

/** Display names of the companies (or other rows) the spec filters on: for the filter chips. */
export async function selectedRefNames(atlas: Atlas, spec: QuerySpec): Promise<Record<string, { name: string; name_zh?: string | null }>> {
  const byTarget = new Map<string, string[]>();
  const add = (target: string, ids: string[]) => byTarget.set(target, [...(byTarget.get(target) ?? []), ...ids]);
  for (const f of spec.filters) if (f.column.type === 'ref' && f.op === 'eq') add(f.column.ref ?? '', f.values.map(String));
  if (spec.participants.length) add('companies', spec.participants.map((p) => p.companyId));
  const names: Record<string, { name: string; name_zh?: string | null }> = {};
  for (const [target, ids] of byTarget) {
    for (const [id, found] of await refNames(atlas, getCollection(target), ids)) names[id] = { name: found.name, name_zh: found.name_zh ?? null };
  }
  return names;
}
