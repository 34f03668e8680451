import { sql } from 'kysely';
import { getCollection } from '../lib/collections';
import type { Collection, RelationFilter } from '../lib/collections/types';
import type { QuerySpec } from '../lib/query/spec';
import type { Atlas } from './connection';
import { keepsCounts, keptLinkCounts, keptYearCounts } from './kept-counts';
import { COPIES_ALIAS, linkCounts, linkCountsFromCopies, linkOfFilter } from './relations';
import { facetCounts, refNames, type FacetValue } from './rows';
import { dynamic } from './types';
import { col, conditionsOf, filtersOn } from './where';

export interface LabelledFacet extends FacetValue {
  /** Display name for ref values (company names) and for text values with a Chinese twin (a share's segment); the UI translates enum values itself. */
  name?: string;
  name_zh?: string | null;
}

/** Facet columns of a table: the registry's facet filters. */
export const facetColumnsOf = (collection: Collection) => collection.columns.filter((c) => c.filter === 'facet' && !c.virtual).map((c) => c.id);

const datedColumn = (collection: Collection) => collection.columns.find((c) => c.type === 'date' && c.filter === 'range');

/** The relation filters offered with counts (`investor` on rounds). */
const facetFiltersOf = (collection: Collection) => (collection.relationFilters ?? []).filter((f) => f.facet);

/** Everything the filter bar offers: the facet columns, the relation facets (`investor` for rounds) and `year` for dated rows. */
export function facetKeysOf(collection: Collection): string[] {
  return [...facetColumnsOf(collection), ...facetFiltersOf(collection).map((f) => f.param), ...(datedColumn(collection) ? ['year'] : [])];
}

/** Any stored, non-JSON column can be counted, plus the extra keys of facetKeysOf. */
export function isFacetKey(collection: Collection, key: string): boolean {
  if (facetKeysOf(collection).includes(key)) return true;
  const column = collection.columns.find((c) => c.id === key);
  return Boolean(column && !column.virtual && column.type !== 'json');
}

/**
 * Counts of rows per linked row (rounds per investor), honouring every filter except the relation filters.
 * Unfiltered, the counts kept by triggers answer; when the other filters are only on owner columns the links
 * carry copies of (a round's type and date), the copies answer alone; otherwise the links of the matching rows are counted (db/relations.ts).
 */
async function linkFacet(atlas: Atlas, spec: QuerySpec, filter: RelationFilter, limit: number): Promise<FacetValue[]> {
  const { link, only } = linkOfFilter(spec.collection, filter);
  const copies = new Set(link.copies ?? []);
  if (only === undefined && spec.q === null) {
    if (spec.filters.length === 0 && link.keptCounts) return keptLinkCounts(atlas, link.keptCounts, limit);
    if (spec.filters.every((f) => copies.has(f.column.id))) {
      // The first copied column leads the copies' index: one of its values at a time is read in linked-row order.
      const split = spec.filters.find((f) => f.column.id === link.copies?.[0] && f.op === 'eq' && f.values.length > 1);
      const parts = split ? split.values.map((v) => ({ ...spec, filters: spec.filters.map((f) => (f === split ? { ...f, values: [v] } : f)) })) : [spec];
      return linkCountsFromCopies(atlas, link, parts.map((part) => filtersOn(atlas.dialect, part, COPIES_ALIAS)), limit);
    }
  }
  return linkCounts(atlas, spec.collection, filter, conditionsOf(atlas.dialect, { ...spec, relations: [] }), limit);
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

/**
 * The Chinese twin of each value of a text column that has one (segment → segment_zh): the first non-empty
 * twin stored with the value, or null. Rows that repeat a value are expected to agree on its twin.
 */
async function twinNames(atlas: Atlas, collection: Collection, columnId: string, values: string[]): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  const column = collection.columns.find((c) => c.id === columnId);
  if (!column?.zhTwin || column.type !== 'text' || values.length === 0) return result;
  const value = col(collection, column);
  const twin = col(collection, column.zhTwin);
  for (let i = 0; i < values.length; i += 500) {
    const found = await dynamic(atlas.db)
      .selectFrom(collection.table)
      .select([sql<string>`${value}`.as('value'), sql<string | null>`max(${twin})`.as('zh')])
      .where(sql<boolean>`${value} in (${sql.join(values.slice(i, i + 500))})`)
      .groupBy(value)
      .execute();
    for (const r of found) result.set(String(r.value), (r.zh as string | null) || null);
  }
  return result;
}

/** Counts for the given facet keys (see facetKeysOf); ref and linked values carry display names. */
export async function labelledFacets(atlas: Atlas, spec: QuerySpec, keys: string[], limit = 200): Promise<Record<string, LabelledFacet[]>> {
  const facets: Record<string, LabelledFacet[]> = {};
  const dated = datedColumn(spec.collection);
  const linked = new Map(facetFiltersOf(spec.collection).map((f) => [f.param, f]));
  for (const key of keys) {
    const filter = linked.get(key);
    if (filter) facets[key] = await linkFacet(atlas, spec, filter, limit);
    else if (key === 'year' && dated) facets.year = await yearFacet(atlas, spec, dated.id);
    else Object.assign(facets, await facetCounts(atlas, spec, [key], limit));
  }
  for (const [key, values] of Object.entries(facets)) {
    const filter = linked.get(key);
    const column = spec.collection.columns.find((c) => c.id === (filter ? filter.column : key));
    const target = column?.type === 'ref' || column?.type === 'refs' ? column.ref : undefined;
    if (!target) {
      const twins = await twinNames(atlas, spec.collection, key, values.map((v) => v.value).filter((v): v is string => typeof v === 'string'));
      for (const v of values) if (typeof v.value === 'string' && twins.has(v.value)) Object.assign(v, { name: v.value, name_zh: twins.get(v.value) ?? null });
      continue;
    }
    const names = await refNames(atlas, getCollection(target), values.map((v) => String(v.value)).filter((v) => v !== 'null'));
    for (const v of values) {
      const found = v.value === null ? undefined : names.get(String(v.value));
      if (found) Object.assign(v, { name: found.name, name_zh: found.name_zh ?? null });
    }
  }
  return facets;
}

/** Display names of the companies (or other rows, or text values with a Chinese twin) the spec filters on: for the filter chips. */
export async function selectedRefNames(atlas: Atlas, spec: QuerySpec): Promise<Record<string, { name: string; name_zh?: string | null }>> {
  const byTarget = new Map<string, string[]>();
  const add = (target: string, ids: string[]) => byTarget.set(target, [...(byTarget.get(target) ?? []), ...ids]);
  for (const f of spec.filters) if (f.column.type === 'ref' && f.op === 'eq') add(f.column.ref ?? '', f.values.map(String));
  for (const r of spec.relations) add(linkOfFilter(spec.collection, r.filter).target.id, [r.id]);
  const names: Record<string, { name: string; name_zh?: string | null }> = {};
  for (const [target, ids] of byTarget) {
    for (const [id, found] of await refNames(atlas, getCollection(target), ids)) names[id] = { name: found.name, name_zh: found.name_zh ?? null };
  }
  for (const f of spec.filters) {
    if (f.op !== 'eq' || !f.column.zhTwin || f.column.type !== 'text') continue;
    for (const [value, zh] of await twinNames(atlas, spec.collection, f.column.id, f.values.map(String))) names[value] = { name: value, name_zh: zh };
  }
  return names;
}
