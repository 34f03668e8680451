'use client';

import Link from 'next/link';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useMemo, useRef } from 'react';
import type { Column, Row } from '@/lib/collections/types';
import { translator } from '@/lib/i18n';
import { csvParams, isFilterParam, withColumns, withNextSort, withPage, withPageSize } from '@/lib/query/view-state';
import { CellValue, isNumeric } from './CellValue';
import { ColumnChooser } from './ColumnChooser';
import { FilterBar } from './FilterBar';
import { Pager } from './Pager';
import type { DataTableProps } from './types';
import { useRowsFollowUrl } from './useRowsFollowUrl';
import { useUrlState } from '../url-state/useUrlState';

const withCurrency = (params: URLSearchParams, currency: string) => {
  const next = new URLSearchParams(params);
  next.set('currency', currency);
  return next;
};

const NOWRAP_TYPES = new Set(['date', 'timestamp', 'enum', 'money', 'number', 'integer']);
const cellClass = (column: Column) => [isNumeric(column) ? 'num' : '', NOWRAP_TYPES.has(column.type) ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;

/** The generic table: server-side sorting, filtering and paging, all state in the URL. */
export function DataTable(props: DataTableProps) {
  const { collection, locale, rows, rowsQuery, total, page, pageSize, sort, visibleColumns, facetKeys, selectedNames, presets, readOnly = null, fx = null } = props;
  const t = translator(locale);
  const url = useUrlState();
  const { search, pending, navigate, href, follow } = url;
  // A share link's view has its own URL, not the query of its rows.
  useRowsFollowUrl(rowsQuery, !readOnly);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  const columns = useMemo<ColumnDef<Row>[]>(
    () =>
      visibleColumns
        .map((id) => collection.columns.find((c) => c.id === id))
        .filter((c): c is Column => Boolean(c))
        .map((column) => ({
          id: column.id,
          header: column.type === 'money' && fx && fx.currency !== 'USD' ? t('fx.column', { label: column.label[locale], currency: fx.currency }) : column.label[locale],
          enableSorting: Boolean(column.sortable),
          meta: column,
          cell: ({ row }) => <CellValue collection={collection} column={column} row={row.original} locale={locale} lead={t('table.lead')} fx={fx} />,
        })),
    [collection, visibleColumns, locale, t, fx],
  );
  // The download shows the money as the table does, also when the currency is the reader's (cookie), not the URL's.
  const csvSearch = fx && !search.has('currency') ? withCurrency(search, fx.currency) : search;

  const sorting: SortingState = [{ id: sort.column, desc: sort.order === 'desc' }];
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    rowCount: total,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
  });

  const onRowKey = (event: React.KeyboardEvent<HTMLTableRowElement>, row: Row) => {
    const rowsEls = Array.from(bodyRef.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]') ?? []);
    const index = rowsEls.indexOf(event.currentTarget);
    if (event.key === 'ArrowDown' && index < rowsEls.length - 1) rowsEls[index + 1].focus();
    else if (event.key === 'ArrowUp' && index > 0) rowsEls[index - 1].focus();
    else if (event.key === 'Enter' && !readOnly && event.target === event.currentTarget) window.location.assign(`/${collection.id}/${encodeURIComponent(row.id)}`);
    else return;
    event.preventDefault();
  };

  const hasFilters = [...search.keys()].some(isFilterParam);

  return (
    <div className="data-table" data-pending={pending || undefined}>
      {presets.length ? (
        <nav className="presets" aria-label={t('tbl.presets')}>
          <span className="muted small">{t('tbl.presets')}:</span>
          {presets.map((preset) => (
            <a key={preset.href} href={preset.href} onClick={follow} className={`preset${preset.active ? ' active' : ''}`} aria-current={preset.active ? 'true' : undefined}>
              {preset.label}
            </a>
          ))}
        </nav>
      ) : null}
      {readOnly ? null : <FilterBar collection={collection} facetKeys={facetKeys} selectedNames={selectedNames} locale={locale} t={t} url={url} />}
      <div className="table-toolbar">
        <Pager page={page} pageSize={pageSize} total={total} locale={locale} t={t} pageHref={(p) => href(withPage(search, p))} follow={follow} onPageSize={(size) => navigate(withPageSize(search, size))} search={search} readOnly={Boolean(readOnly)} />
        {readOnly ? (
          readOnly.csvHref ? (
            <div className="toolbar-actions">
              <a className="btn" href={readOnly.csvHref} download data-testid="export-csv">
                {t('tbl.export')}
              </a>
            </div>
          ) : null
        ) : (
        <div className="toolbar-actions">
          <ColumnChooser columns={collection.columns.filter((c) => c.type !== 'json')} visible={visibleColumns} locale={locale} t={t} onChange={(next) => navigate(withColumns(search, next))} />
          <a className="btn" href={`/api/v1/${collection.id}.csv?${csvParams(csvSearch, visibleColumns)}`} download data-testid="export-csv">
            {t('tbl.export')}
          </a>
          <Link className="btn primary" href={`/${collection.id}/new`}>
            + {t('tbl.add', { name: collection.singular[locale] })}
          </Link>
        </div>
        )}
      </div>
      <div className="table-wrap" aria-busy={pending}>
        <table className="data" data-testid="data-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column.columnDef.meta as Column;
                  const sorted = sort.column === column.id ? sort.order : null;
                  return (
                    <th key={header.id} scope="col" className={isNumeric(column) ? 'num' : undefined} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                      {column.sortable && !readOnly ? (
                        <a className="sort-btn" href={href(withNextSort(search, column.id))} onClick={follow} title={t('tbl.sortBy', { name: column.label[locale] })}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span className="sort-mark" aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                          {sorted ? <span className="sr-only">{sorted === 'asc' ? t('tbl.sortAsc') : t('tbl.sortDesc')}</span> : null}
                        </a>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody ref={bodyRef}>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-row tabIndex={0} onKeyDown={(e) => onRowKey(e, row.original)}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={cellClass(cell.column.columnDef.meta as Column)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <div className="empty" role="status">
            <p>{hasFilters ? t('tbl.noRows') : t('tbl.emptyCollection')}</p>
            <p className="small">{hasFilters ? t('tbl.noRowsHint') : t('tbl.emptyHint')}</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
