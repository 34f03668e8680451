import { getCollection } from '@/lib/collections';
import type { Locale, Row } from '@/lib/collections/types';
import type { FxBlock } from '@/lib/fx/convert';
import { translator, type MessageKey } from '@/lib/i18n';
import { CellValue } from '../../_components/data-table/CellValue';
import { RoundsTable } from '../../_components/RoundsTable';

// Section titles for the usual relations; anything else is titled "<collection> (<column>)".
const TITLES: Record<string, MessageKey> = {
  'investments.company_id': 'detail.roundsRaised',
  'use-cases.customer_id': 'detail.asCustomer',
  'use-cases.provider_id': 'detail.asProvider',
  'companies.parent_id': 'detail.children',
  'market-shares.company_id': 'detail.marketShares',
  'scenarios.hypothesis_id': 'detail.scenarios',
};

/** A compact table of rows of any collection, showing its listed columns. */
export function MiniTable({ collectionId, rows, locale, skip, fx }: { collectionId: string; rows: Row[]; locale: Locale; skip?: string; fx?: FxBlock | null }) {
  const collection = getCollection(collectionId);
  if (collection.id === 'investments') return <RoundsTable rows={rows} locale={locale} fx={fx} />;
  // The title column first (it links to the row), then the other listed columns.
  const title = collection.columns.filter((c) => c.id === collection.titleColumn);
  const columns = [...title, ...collection.columns.filter((c) => c.listed && c.id !== skip && c.id !== collection.titleColumn)].slice(0, 6);
  return (
    <div className="table-scroll">
      <table className="data">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col">
                {c.label[locale]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((c) => (
                <td key={c.id}>
                  <CellValue collection={collection} column={c} row={row} locale={locale} fx={fx} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RelatedRows({ related, locale, fx }: { related: Record<string, Record<string, Row[]>>; locale: Locale; fx?: FxBlock | null }) {
  const t = translator(locale);
  const order = Object.keys(TITLES);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  const sections = Object.entries(related)
    .flatMap(([collectionId, byColumn]) => Object.entries(byColumn).map(([columnId, rows]) => ({ collectionId, columnId, rows })))
    .sort((a, b) => rank(`${a.collectionId}.${a.columnId}`) - rank(`${b.collectionId}.${b.columnId}`));
  return (
    <>
      {sections.map(({ collectionId, columnId, rows }) => {
        const collection = getCollection(collectionId);
        const key = TITLES[`${collectionId}.${columnId}`];
        const column = collection.columns.find((c) => c.id === columnId);
        const title = key ? t(key) : `${collection.label[locale]} (${column?.label[locale] ?? columnId})`;
        return (
          <section className="panel" key={`${collectionId}.${columnId}`} data-testid={`related-${collectionId}-${columnId}`}>
            <div className="panel-head">
              <h2>
                {title} <span className="muted small">({rows.length})</span>
              </h2>
            </div>
            <MiniTable collectionId={collectionId} rows={rows} locale={locale} skip={columnId} fx={fx} />
          </section>
        );
      })}
    </>
  );
}
