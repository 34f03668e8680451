// The shape of the collections registry: each collection is declared once, as data.

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
  | 'refs' // virtual: a list of ids (investment participants)
  | 'json'
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
  /** Not a column of the table: stored elsewhere (participants). */
  virtual?: boolean;
  min?: number;
  max?: number;
  /** Maximum length of a text value. */
  maxLength?: number;
  /** Column holding the Chinese twin shown in the Chinese UI. */
  zhTwin?: string;
  /** Shown in the table by default. */
  listed?: boolean;
}

/** A filter parameter that is not a column: `investor=` / `lead=` on investments. */
export interface ParticipantFilter {
  param: string;
  leadOnly: boolean;
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
  participantFilters?: readonly ParticipantFilter[];
  /** Columns computed from others on every write (`region` from `country`). */
  derive?: (row: Record<string, unknown>) => Record<string, unknown>;
}

export type Row = Record<string, unknown> & { id: string };
