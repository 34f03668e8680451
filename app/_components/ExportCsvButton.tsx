'use client';

// "Export CSV" for a table: a download link to the view's CSV twin, GET /api/v1/<collection>.csv with the
// same filters and sort, every page, and the visible columns in their order.

interface ExportCsvButtonProps {
  collection: string;
  /** The view's query string (with or without the leading "?"). */
  search: string;
  /** Visible column ids in display order; all columns when absent. */
  columns?: string[];
  label: string;
  title?: string;
}

/**
 * The export URL of a view: paging is dropped (an export has every row) and the columns are the visible ones,
 * with `id` always first so that the file can be imported back onto the same rows.
 */
export function exportHref(collection: string, search: string, columns?: string[]): string {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  params.delete('page');
  params.delete('pageSize');
  if (columns?.length) params.set('columns', ['id', ...columns.filter((c) => c !== 'id')].join(','));
  const query = params.toString();
  return `/api/v1/${collection}.csv${query ? `?${query}` : ''}`;
}

export function ExportCsvButton({ collection, search, columns, label, title }: ExportCsvButtonProps) {
  return (
    <a className="btn" href={exportHref(collection, search, columns)} download title={title} data-testid="export-csv">
      <span aria-hidden="true">⤓</span> {label}
    </a>
  );
}
