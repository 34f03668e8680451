// The shape of the collections registry: each collection is declared once, as data.
import type { z } from 'zod';
import type { ErrorIssue } from '../errors';
import type { FxLookup } from '../fx/rates';

/** The collections as a rule that parses other collections' views looks them up (lib/collections/rules.ts). */
export interface CollectionLookup {
  ids: readonly string[];
  find(id: string): Collection | undefined;
}

export type Locale = 'en' | 'zh';
export type Label = { en: string; zh: string };

export type ColumnType =
  | 'id' // readable slug, primary key
  | 'text' // short text
  | 'longtext' // descriptions, notes, Markdown
  | 'enum'
  | 'integer'
  | 'money' // whole US dollars
  | 'number' // decimal (percentages, probabilities)
  | 'date' // ISO YYYY-MM-DD
  | 'url'
  | 'ref' // id of a row in another collection
  | 'refs' // virtual: a list of ids kept in a link table (see Relation)
  | 'json'
  | 'flag' // a yes/no mark, 0 or 1 (stored so on both dialects; a missing value is 0)
  | 'timestamp'; // ISO date-time, set by the data layer

export type FilterKind = 'facet' | 'range' | 'text';

export interface Column {
  id: string;
  type: ColumnType;
  label: Label;
  /** Allowed values of an enum column, in display order. */
  values?: readonly string[];
  /** Target collection of a ref / refs column. */
  ref?: string;
  filter?: FilterKind;
  sortable?: boolean;
  required?: boolean;
  /** Included in `q` search. */
  search?: boolean;
  /** Set by the data layer, never by a client (timestamps, derived columns). */
  readOnly?: boolean;
  /** Not a column of the table: stored elsewhere (a refs column's links). */
  virtual?: boolean;
  /** A refs column: where its ids are kept. */
  relation?: Relation;
  min?: number;
  max?: number;
  /** Maximum length of a text value. */
  maxLength?: number;
  /** A flag column: what its 1 and 0 are called (facet options, filter chips, the marker in cells). */
  flagLabels?: { yes: Label; no: Label; hint?: Label };
  /** A set flag is a warning (a disputed figure, a failing rule): its marker carries ⚠. */
  warns?: true;
  /** Column holding the Chinese twin shown in the Chinese UI. */
  zhTwin?: string;
  /** A name: without a Chinese twin the Chinese UI shows it as it is, unmarked (other twins get an "EN" marker). */
  zhAsIs?: boolean;
  /** Free text whose common values have display names in lib/i18n/values (shown translated, stored as typed). */
  labelledValues?: boolean;
  /** Shown in the table by default. */
  listed?: boolean;
  /** A json column's value schema (instead of "any JSON"). Its module must not import the registry index. */
  schema?: z.ZodType;
  /** A number column: decimals shown in tables (default 2; exchange rates need more). */
  decimals?: number;
}

/** What `derive` may read besides the row: the stored row before the write, and the exchange rates. */
export interface DeriveContext {
  /** The row as stored before this write; null for a new row. */
  previous: Record<string, unknown> | null;
  /** Yearly average exchange rates (loaded for collections whose `deriveUses` names `fx-rates`). */
  fx: FxLookup;
}

/**
 * A many-to-many link table behind one or more refs columns of a collection: one row per linked pair. Every
 * statement that reads or writes it is built from this declaration (db/relations.ts).
 */
export interface LinkTable {
  /** SQL table of the links. */
  table: string;
  /** Column holding the id of the owning row (a round). */
  from: string;
  /** Column holding the id of the linked row (a company, in the refs columns' `ref` collection). */
  to: string;
  /** The row field listing every link with the linked row's names and flags (`participants`). */
  field: string;
  /** 0/1 fields of a link → their key in the objects of `field` ({ is_lead: 'isLead' }), ordered first-set first. */
  flags?: Readonly<Record<string, string>>;
  /** Columns of the owning row that triggers copy onto each link (migration 007): facet counts may read them there. */
  copies?: readonly string[];
  /** Links per linked row, kept by triggers (migration 008): read by the unfiltered facet of the links. */
  keptCounts?: { table: string; key: string; count: string };
}

/** Where a refs column's ids are kept: the links of `link`, only those whose flag `only` is 1 when given. */
export interface Relation {
  link: LinkTable;
  only?: string;
}

/**
 * A filter parameter over a refs column, not a column of its own: `investor=openai` keeps the rows that link
 * to openai (or, with `children`, to a row whose `children` column names openai).
 */
export interface RelationFilter {
  param: string;
  /** The refs column whose links must match. */
  column: string;
  /** A ref column of the linked collection naming a parent: links to the value's children match too. */
  children?: string;
  /** Offered in the filter bar, with counts of rows per linked row, under the key `param`. */
  facet?: boolean;
  label: Label;
}

export interface Collection {
  /** URL segment and API name (`use-cases`). */
  id: string;
  /** SQL table name (`use_cases`). */
  table: string;
  label: Label;
  singular: Label;
  columns: readonly Column[];
  /** Column shown as the row's name. */
  titleColumn: string;
  defaultSort: { column: string; order: 'asc' | 'desc' };
  /** Prefix of generated ids when a new row has none. */
  idPrefix?: string;
  relationFilters?: readonly RelationFilter[];
  /** Columns computed from others on every write (`region` from `country`). Pure: what it reads comes in `context`. */
  derive?: (row: Record<string, unknown>, context: DeriveContext) => Record<string, unknown>;
  /**
   * Collections whose rows `derive` reads (a round's converted amount reads `fx-rates`): they are loaded for each
   * write, and a write to them derives this collection's rows again (db/derived.ts).
   */
  deriveUses?: readonly string[];
  /** Rules across columns, checked on every write against the whole row (the merged row on update). Pure. */
  validate?: (row: Record<string, unknown>) => ErrorIssue[];
  /** The date (or year) column that board filters `from` / `to` narrow (docs/decisions/020). */
  timeColumn?: string;
  /**
   * Rows that belong to whoever made them: `owner` is set from the writer on create. In team mode a row whose
   * `visibility` is `private` is seen by its owner and admins only (others get 404), every row is edited by
   * its owner and admins only. Without `visibility` every row is private (alert rules).
   */
  ownership?: { owner: string; visibility?: string; private?: string };
  /** Optimistic concurrency: every write adds one; a write naming another version than the stored one is a 409. */
  versionColumn?: string;
  /** Rows this row points at outside its ref columns (a target named by another column, ids inside JSON); each must exist. */
  references?: (row: Record<string, unknown>) => RowReference[];
}

export interface RowReference {
  /** The field named in the error when the row does not exist. */
  path: string;
  collection: string;
  id: string;
}

export type Row = Record<string, unknown> & { id: string };
