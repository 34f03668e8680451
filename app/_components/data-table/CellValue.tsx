import { ViewLink as Link } from '@/app/_components/share/SharedView';
import type { Collection, Column, Locale, Row } from '@/lib/collections/types';
import type { FxBlock } from '@/lib/fx/convert';
import { formatDate, formatNumber } from '@/lib/format';
import { flagLabel, valueLabel } from '@/lib/i18n/values';
import { EnMarker } from '../EnMarker';
import { hostOf, MoneyValue } from './MoneyValue';

interface Named {
  id: string;
  name: string;
  name_zh?: string | null;
  isLead?: boolean;
}

const nameIn = (n: Named, locale: Locale) => (locale === 'zh' && n.name_zh ? n.name_zh : n.name);
const detailHref = (collectionId: string, id: string) => `/${collectionId}/${encodeURIComponent(id)}`;
const refKey = (columnId: string) => columnId.replace(/_id$/, '');

/** Shorten long text for a table cell; the full text stays in the title attribute. */
function clip(text: string, max = 140) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The Chinese UI shows this column's English text because its Chinese twin is empty (names excepted). */
const showsEnglish = (column: Column, row: Row, locale: Locale) =>
  locale === 'zh' && Boolean(column.zhTwin) && !column.zhAsIs && !row[column.zhTwin ?? ''] && Boolean(row[column.id]);

/** A set flag: a marker whose title says what it means, with ⚠ when the flag warns (a disputed round). */
export function FlagMarker({ column, locale }: { column: Column; locale: Locale }) {
  return (
    <span className="badge flag-marker" data-flag={column.id} data-warns={column.warns ? '' : undefined} title={column.flagLabels?.hint?.[locale] ?? flagLabel(column, 1, locale)}>
      {column.warns ? <span aria-hidden="true">⚠ </span> : null}
      {flagLabel(column, 1, locale)}
    </span>
  );
}

/**
 * One value of a row, rendered by its column type. Everything renders as text: no HTML is injected. `fx`: the
 * answer's currency and rates when money is shown in another currency than US dollars (`currency=`).
 */
export function CellValue({ collection, column, row, locale, lead, fx }: { collection: Collection; column: Column; row: Row; locale: Locale; lead?: string; fx?: FxBlock | null }) {
  const value = row[column.id];
  if (column.type === 'money') return <MoneyValue column={column} row={row} locale={locale} fx={fx} timeColumn={collection.timeColumn} />;
  if (column.type === 'refs') {
    const participants = ((row.participants as Named[] | undefined) ?? []).filter((p) => (column.id === 'lead_investors' ? p.isLead : true));
    if (!participants.length) return null;
    return (
      <>
        {participants.map((p, i) => (
          <span key={p.id}>
            {i > 0 ? ', ' : ''}
            <Link href={detailHref('companies', p.id)}>{nameIn(p, locale)}</Link>
            {p.isLead && column.id === 'investors' && lead ? <> <span className="badge lead">{lead}</span></> : null}
          </span>
        ))}
      </>
    );
  }
  if (value === null || value === undefined || value === '') return null;
  if (column.id === collection.titleColumn || column.id === 'id') {
    const twin = column.zhTwin && locale === 'zh' ? (row[column.zhTwin] as string | null) : null;
    const text = column.type === 'enum' ? valueLabel(String(value), locale, column) : String(twin || value);
    return (
      <>
        <Link href={detailHref(collection.id, row.id)}>{clip(text)}</Link>
        {column.id !== 'id' && showsEnglish(column, row, locale) ? <> <EnMarker locale={locale} /></> : null}
      </>
    );
  }
  switch (column.type) {
    case 'ref': {
      const ref = row[refKey(column.id)] as Named | null;
      return <Link href={detailHref(column.ref ?? '', String(value))}>{ref ? nameIn(ref, locale) : String(value)}</Link>;
    }
    case 'integer':
      return <>{column.id.endsWith('year') || column.id === 'horizon' ? String(value) : formatNumber(Number(value), locale, 0)}</>;
    case 'number':
      return <>{formatNumber(Number(value), locale, column.decimals ?? 2)}</>;
    case 'date':
      return <>{formatDate(String(value), (row.date_precision as string | null) ?? 'day', locale)}</>;
    case 'timestamp':
      return <time dateTime={String(value)}>{String(value).slice(0, 16).replace('T', ' ')}</time>;
    case 'enum':
      return <>{valueLabel(String(value), locale, column)}</>;
    case 'flag':
      return Number(value) === 1 ? <FlagMarker column={column} locale={locale} /> : null;
    case 'url':
      return (
        <a href={String(value)} target="_blank" rel="noopener noreferrer nofollow">
          {hostOf(String(value))} ↗
        </a>
      );
    case 'json':
      return <code title={JSON.stringify(value)}>{clip(JSON.stringify(value), 60)}</code>;
    default: {
      const twin = column.zhTwin && locale === 'zh' ? (row[column.zhTwin] as string | null) : null;
      const text = column.labelledValues ? valueLabel(String(value), locale) : String(twin || value);
      return (
        <>
          <span title={text.length > 140 ? text : undefined}>{clip(text)}</span>
          {showsEnglish(column, row, locale) ? <> <EnMarker locale={locale} /></> : null}
        </>
      );
    }
  }
}

export const isNumeric = (column: Column) => column.type === 'money' || column.type === 'number' || (column.type === 'integer' && !column.id.endsWith('year') && column.id !== 'horizon');
