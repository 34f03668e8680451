import Link from 'next/link';
import type { Row } from '@/lib/collections/types';
import type { FxBlock } from '@/lib/fx/convert';
import { formatDate } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { investments } from '@/lib/collections/investments';
import { valueLabel } from '@/lib/i18n/values';
import { FlagMarker } from './data-table/CellValue';
import { MoneyValue } from './data-table/MoneyValue';

const disputed = investments.columns.find((c) => c.id === 'disputed');
const amount = investments.columns.find((c) => c.id === 'amount_usd');

interface Named {
  id: string;
  name: string;
  name_zh?: string | null;
  isLead?: boolean;
}

export const displayName = (n: Named, locale: Locale) => (locale === 'zh' && n.name_zh ? n.name_zh : n.name);

/** A compact list of funding rounds with their company and participants. */
export function RoundsTable({ rows, locale, caption, fx }: { rows: Row[]; locale: Locale; caption?: string; fx?: FxBlock | null }) {
  const t = translator(locale);
  return (
    <table className="data">
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{t('table.company')}</th>
          <th scope="col">{t('table.round')}</th>
          <th scope="col">{t('table.announced')}</th>
          <th scope="col" className="num">{fx && fx.currency !== 'USD' ? t('fx.column', { label: t('table.amount'), currency: fx.currency }) : t('table.amount')}</th>
          <th scope="col">{t('table.investors')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const company = row.company as Named | null;
          const participants = (row.participants as Named[] | undefined) ?? [];
          return (
            <tr key={row.id}>
              <td>{company ? <Link href={`/companies/${encodeURIComponent(company.id)}`}>{displayName(company, locale)}</Link> : null}</td>
              <td>
                <Link href={`/investments/${encodeURIComponent(row.id)}`}>{row.round_type ? valueLabel(String(row.round_type), locale) : row.id}</Link>
                {Number(row.disputed) === 1 && disputed ? <> <FlagMarker column={disputed} locale={locale} /></> : null}
              </td>
              <td>{formatDate(row.announced_on as string | null, row.date_precision as string | null, locale)}</td>
              <td className="num">
                {row.amount_usd == null && !row.amount_usd_fx_missing ? <span className="muted">{t('table.undisclosed')}</span> : amount ? <MoneyValue column={amount} row={row} locale={locale} fx={fx} timeColumn="announced_on" /> : null}
              </td>
              <td>
                {participants.map((p, i) => (
                  <span key={p.id}>
                    {i > 0 ? ', ' : ''}
                    <Link href={`/companies/${encodeURIComponent(p.id)}`}>{displayName(p, locale)}</Link>
                    {p.isLead ? <> <span className="badge lead">{t('table.lead')}</span></> : null}
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
