import { sql } from 'kysely';
import type { Collection, LinkTable } from '../lib/collections/types';
import type { Atlas } from './connection';
import type { FacetValue } from './rows';
import { dynamic } from './types';

// Counts that triggers keep, read by the facets when nothing is filtered: rounds per investor (migration 008,
// docs/decisions/010-investor-round-counts.md) and rounds per value of the facet columns of investments
// (migration 009, docs/decisions/011-investment-facet-counts.md). A facet then reads a few hundred or thousand
// counts instead of counting a million rounds or two million participants.

/**
 * The columns of investments the triggers of migration 009 count, the announced date among them (the year
 * facet sums it); the tests compare the kept counts of each with counts from the rows.
 */
export const KEPT_FOR_INVESTMENTS: ReadonlySet<string> = new Set(['company_id', 'round_type', 'instrument', 'confidence', 'announced_on']);

/** Whether triggers keep counts of this collection's rows (rounds: migration 009). */
export const keepsRowCounts = (collection: Collection): boolean => collection.id === 'investments';

export const keepsCounts = (collection: Collection, columnId: string): boolean => keepsRowCounts(collection) && KEPT_FOR_INVESTMENTS.has(columnId);

// The table keeps a null as ''; nullif turns it back, so that nulls sort as each dialect sorts them in the
// counts computed from the rows (db/rows.ts facetCounts), ties included.
const kept = sql<string | null>`nullif(value, '')`;

/** Rounds per value of one kept column, most first, as facetCounts orders them. */
export async function keptCounts(atlas: Atlas, columnId: string, limit: number): Promise<FacetValue[]> {
  const rows = await atlas.db
    .selectFrom('investment_facet_counts')
    .select([kept.as('value'), 'rounds'])
    .where('column_id', '=', columnId)
    .where('rounds', '>', 0)
    .orderBy('rounds', 'desc')
    .orderBy(kept)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ value: r.value, count: Number(r.rounds) }));
}

/** Rounds per year of a kept date column, newest first, summed from its counts per date. */
export async function keptYearCounts(atlas: Atlas, columnId: string): Promise<FacetValue[]> {
  const year = sql<string | null>`substr(nullif(value, ''), 1, 4)`;
  const rows = await atlas.db
    .selectFrom('investment_facet_counts')
    .select([year.as('value'), sql<number | string>`sum(rounds)`.as('count')])
    .where('column_id', '=', columnId)
    .where('rounds', '>', 0)
    .groupBy(year)
    .orderBy(year, 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
}

/** Rows per linked row, most first, as a link table declares them kept (rounds per investor: migration 008). */
export async function keptLinkCounts(atlas: Atlas, kept: NonNullable<LinkTable['keptCounts']>, limit: number): Promise<FacetValue[]> {
  const rows = await dynamic(atlas.db)
    .selectFrom(kept.table)
    .select([sql<string>`${sql.ref(kept.key)}`.as('value'), sql<number>`${sql.ref(kept.count)}`.as('count')])
    .where(sql.ref(kept.count), '>', 0)
    .orderBy(sql.ref(kept.count), 'desc')
    .orderBy(sql.ref(kept.key))
    .limit(limit)
    .execute();
  return rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}

/**
 * Rounds whose kept column holds this value (a list's total when its only filter is that value: db/list-plan.ts),
 * or, without a value, every round (each round is counted once per kept column, under its value or '').
 */
export async function keptRoundCount(atlas: Atlas, columnId = 'round_type', value?: string | null): Promise<number> {
  const found = await atlas.db
    .selectFrom('investment_facet_counts')
    .select(sql<number | string | null>`sum(rounds)`.as('n'))
    .where('column_id', '=', columnId)
    .$if(value !== undefined, (qb) => qb.where('value', '=', value ?? ''))
    .executeTakeFirst();
  return Number(found?.n ?? 0);
}
