'use client';

import { CellValue, isNumeric } from '@/app/_components/data-table/CellValue';
import type { Collection, Column, Row } from '@/lib/collections/types';
import { labelOf, type Locale } from '@/lib/i18n';

// A table tile's rows, drawn from data as the data table draws its own: one element in the page's payload
// instead of a tree of cells (docs/decisions/023).

interface Props {
  /** The collection as data (describedCollection). */
  collection: Collection;
  columns: string[];
  rows: Row[];
  caption: string;
  /** "12 of 345". */
  count: string;
  /** Said instead of an empty table. */
  empty: string;
  lead: string;
  locale: Locale;
}

export function TableRows({ collection, columns: ids, rows, caption, count, empty, lead, locale }: Props) {
  const columns = ids.map((id) => collection.columns.find((c) => c.id === id)).filter((c): c is Column => c !== undefined);
  return (
    <>
      {rows.length ? (
        <div className="board-table-scroll" tabIndex={0} role="region" aria-label={caption}>
          <table className="data board-table" data-testid="board-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.id} scope="col" className={isNumeric(column) ? 'num' : undefined}>
                    {labelOf(column.label, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-row-id={row.id}>
                  {columns.map((column) => (
                    <td key={column.id} className={isNumeric(column) ? 'num' : undefined}>
                      <CellValue collection={collection} column={column} row={row} locale={locale} lead={lead} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{empty}</p>
      )}
      <p className="board-table-count small muted" data-testid="board-table-count">
        {count}
      </p>
    </>
  );
}
