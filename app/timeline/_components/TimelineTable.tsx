import { ViewLink as Link } from '@/app/_components/share/SharedView';
import type { Row } from '@/lib/collections/types';
import { formatDate } from '@/lib/format';
import { localText } from '@/lib/i18n/content';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { EnMarker } from '../../_components/EnMarker';
import { KindSwatch } from './kinds';

interface Company {
  id: string;
  name: string;
  name_zh?: string | null;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/** The milestones in words, in date order: the accessible twin of the axis, with each source linked. */
export function TimelineTable({ rows, locale }: { rows: Row[]; locale: Locale }) {
  const t = translator(locale);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="timeline-table-caption">
      <table className="data timeline-table" data-testid="timeline-table">
        <caption id="timeline-table-caption">{t('tl.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tl.col.date')}</th>
            <th scope="col">{t('tl.col.milestone')}</th>
            <th scope="col">{t('tl.col.kind')}</th>
            <th scope="col">{t('tl.col.company')}</th>
            <th scope="col">{t('tl.col.source')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const title = localText(row.title, row.title_zh, locale);
            const description = localText(row.description, row.description_zh, locale);
            const company = row.company as Company | null;
            const source = typeof row.source_url === 'string' ? row.source_url : null;
            return (
              <tr key={row.id} id={`milestone-${row.id}`} data-testid="timeline-row" data-id={row.id}>
                <td className="nowrap">
                  <time dateTime={String(row.date)}>{formatDate(String(row.date), typeof row.date_precision === 'string' ? row.date_precision : null, locale)}</time>
                </td>
                <td>
                  <Link href={`/events/${encodeURIComponent(row.id)}`} lang={title?.fallback ? 'en' : undefined}>
                    {title?.text ?? row.id}
                  </Link>
                  {title?.fallback ? <> <EnMarker locale={locale} /></> : null}
                  {description ? (
                    <div className="muted small" lang={description.fallback ? 'en' : undefined}>
                      {description.text}
                    </div>
                  ) : null}
                </td>
                <td className="nowrap">
                  <KindSwatch kind={String(row.kind)} /> {valueLabel(String(row.kind), locale)}
                </td>
                <td>{company ? <Link href={`/companies/${encodeURIComponent(company.id)}`}>{(locale === 'zh' && company.name_zh) || company.name}</Link> : t('common.none')}</td>
                <td>
                  {source ? (
                    <a href={source} rel="noopener noreferrer" target="_blank">
                      {hostOf(source)}
                    </a>
                  ) : (
                    t('common.none')
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
