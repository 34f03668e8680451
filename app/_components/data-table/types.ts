import type { Collection, Locale, Row } from '@/lib/collections/types';
import type { FxBlock } from '@/lib/fx/convert';

export interface FacetOption {
  value: string | number | null;
  count: number;
  name?: string;
  name_zh?: string | null;
}

/** A facet value as the filter bar lists it: without a count until the counts have loaded. */
export type FacetValue = Omit<FacetOption, 'count'> & { count?: number };

export interface Preset {
  label: string;
  href: string;
  active: boolean;
}

/** Everything the client table needs; all of it serialisable, computed by the server page. */
export interface DataTableProps {
  /** The registry entry as data (`describedCollection`): the registry itself would bring zod to the browser. */
  collection: Collection;
  locale: Locale;
  rows: Row[];
  /** The query string the rows were loaded for (the page's URL query). */
  rowsQuery: string;
  total: number;
  page: number;
  pageSize: number;
  sort: { column: string; order: 'asc' | 'desc' };
  visibleColumns: string[];
  /** Facets offered in the filter bar; each loads its counts when opened. */
  facetKeys: string[];
  /** Display names of the ref values currently filtered on (for the chips). */
  selectedNames: Record<string, { name: string; name_zh?: string | null }>;
  presets: Preset[];
  /** Set inside a share link's view: no filters, sorting, paging or editing; CSV only if the link allows it. */
  readOnly?: { csvHref: string | null } | null;
  /** The currency the money columns are in and the rates used (`currency=`, lib/fx); null: US dollars. */
  fx?: FxBlock | null;
}

export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000];
