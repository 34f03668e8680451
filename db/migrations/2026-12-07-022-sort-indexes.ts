import type { Kysely } from 'kysely';

// Frozen: later changes go in new migrations. Issue 16, item 3 (docs/decisions/032-list-query-shapes.md): every
// sortable column of rounds and companies leads an index whose next column is the id, the list's tie-break, so
// that one index gives the whole ORDER BY in either direction — a page is read off it with no filter or with a
// broad one, and the narrow filters keep their own indexes (migration 005). Where an older index on the column
// is replaced by one that still serves everything it served (a foreign key, facet counts), the older one goes.
// The facet-and-date indexes of 005 stay: the date-range facets skip-scan them. A round's company keeps its
// (company_id, announced_on) index: a company has a few rounds, so the few ties of a page are sorted as they come
// (SQLite: a temporary B-tree for the last term of the ORDER BY; PostgreSQL: an incremental sort).

/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = Kysely<any>;

type Index = [table: string, name: string, columns: string[]];

/** Indexes this migration drops (each replaced below by one that leads with the same column) and, in `down`, makes again. */
const REPLACED: Index[] = [
  ['investments', 'investments_disputed_idx', ['disputed']],
  ['investments', 'investments_amount_usd_basis_idx', ['amount_usd_basis']],
  ['companies', 'companies_parent_idx', ['parent_id']],
  ['companies', 'companies_layer_idx', ['layer']],
  ['companies', 'companies_kind_idx', ['kind']],
  ['companies', 'companies_region_idx', ['region']],
  ['companies', 'companies_name_idx', ['name']],
];

/** The sort indexes. Rounds: `id` (the primary key), `announced_on`, `amount_usd` and `company_id` (migrations 001, 005) had one. */
const SORT_INDEXES: Index[] = [
  ['investments', 'investments_round_sort_idx', ['round_type', 'id']],
  ['investments', 'investments_amount_original_sort_idx', ['amount_original', 'id']],
  ['investments', 'investments_currency_sort_idx', ['currency', 'id']],
  ['investments', 'investments_basis_sort_idx', ['amount_usd_basis', 'id']],
  ['investments', 'investments_post_money_sort_idx', ['post_money_usd', 'id']],
  ['investments', 'investments_instrument_sort_idx', ['instrument', 'id']],
  ['investments', 'investments_disputed_sort_idx', ['disputed', 'id']],
  ['investments', 'investments_confidence_sort_idx', ['confidence', 'id']],
  ['investments', 'investments_created_sort_idx', ['created_at', 'id']],
  ['investments', 'investments_updated_sort_idx', ['updated_at', 'id']],
  ...['name', 'name_zh', 'kind', 'country', 'region', 'layer', 'modality', 'vertical', 'business_model', 'founded_year', 'hq', 'status', 'parent_id', 'confidence', 'created_at', 'updated_at'].map(
    (column): Index => ['companies', `companies_${column}_sort_idx`, [column, 'id']],
  ),
];

export async function up(db: Db): Promise<void> {
  for (const [table, name, columns] of SORT_INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
  for (const [, name] of REPLACED) await db.schema.dropIndex(name).execute();
}

export async function down(db: Db): Promise<void> {
  for (const [table, name, columns] of REPLACED) await db.schema.createIndex(name).on(table).columns(columns).execute();
  for (const [, name] of SORT_INDEXES) await db.schema.dropIndex(name).execute();
}
