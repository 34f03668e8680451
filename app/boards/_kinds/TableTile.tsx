import { describedCollection, findCollection } from '@/lib/collections';
import { formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import type { TileDataOf } from './loaders';
import { TableRows } from './TableRows';

/** A table view's first rows: its visible columns, cells as the data table shows them, and "12 of 345". */
export function TableTile({ data, title, locale }: { data: TileDataOf['table']; title: string; locale: Locale }) {
  const t = translator(locale);
  const collection = findCollection(data.collection);
  if (!collection) return null;
  const shown = formatNumber(data.rows.length, locale, 0);
  const total = formatNumber(data.total, locale, 0);
  // One element with data (TableRows draws the rows in the browser too): see docs/decisions/023.
  return (
    <TableRows
      collection={describedCollection(collection)}
      columns={data.columns}
      rows={data.rows}
      caption={t('board.table.caption', { title, shown, total })}
      count={t('board.table.count', { shown, total })}
      empty={t('board.table.none')}
      lead={t('table.lead')}
      locale={locale}
    />
  );
}
