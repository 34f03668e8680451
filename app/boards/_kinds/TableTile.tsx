import { CellValue, isNumeric } from '@/app/_components/data-table/CellValue';
import { findCollection, findColumn } from '@/lib/collections';
import type { Column } from '@/lib/collections/types';
import { formatNumber } from '@/lib/format';
import { labelOf, translator, type Locale } from '@/lib/i18n';
import type { TileDataOf } from './loaders';

/** A table view's first rows: its visible columns, cells as the data table shows them, and "12 of 345". */
export function TableTile({ data, title, locale }: { data: TileDataOf['table']; title: string; locale: Locale }) {
  const t = translator(locale);
  const collection = findCollection(data.collection);
  if (!collection) return null;
  const columns = data.columns.map((id) => findColumn(collection, id)).filter((c): c is Column => c !== undefined);
  const shown = formatNumber(data.rows.length, locale, 0);
  const total = formatNumber(data.total, locale, 0);
  const caption = t('board.table.caption', { title, shown, total });
  return (
    <>
      {data.rows.length ? (
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
              {data.rows.map((row) => (
                <tr key={row.id} data-row-id={row.id}>
                  {columns.map((column) => (
                    <td key={column.id} className={isNumeric(column) ? 'num' : undefined}>
                      <CellValue collection={collection} column={column} row={row} locale={locale} lead={t('table.lead')} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('board.table.none')}</p>
      )}
      <p className="board-table-count small muted" data-testid="board-table-count">
        {t('board.table.count', { shown, total })}
      </p>
    </>
  );
}
