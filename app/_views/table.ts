import 'server-only';
import type { Atlas } from '@/db/connection';
import { selectedRefNames } from '@/db/facets';
import { listRows } from '@/db/rows';
import type { Collection } from '@/lib/collections/types';
import { tableView } from '@/lib/query/view-state';

/**
 * What a table page shows for its URL: one page of rows (never more), the sort and the visible columns.
 * `visibleTo` hides the rows an owned collection (boards) keeps from this user, as the API does; `currency` (the
 * reader's, when the URL names none) shows its money in that currency.
 */
export async function loadTable(atlas: Atlas, collection: Collection, search: URLSearchParams, visibleTo?: string, currency?: string | null) {
  const state = tableView.parse(search, collection);
  const spec = { ...state.spec, visibleTo, currency: state.spec.currency ?? currency ?? null };
  const visibleColumns = tableView.visibleColumns(state);
  const [page, selectedNames] = await Promise.all([listRows(atlas, spec), selectedRefNames(atlas, spec)]);
  return { page, selectedNames, visibleColumns, sort: { column: spec.sort.column.id, order: spec.sort.order } };
}

export type TableData = Awaited<ReturnType<typeof loadTable>>;
