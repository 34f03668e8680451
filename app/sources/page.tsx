import type { Metadata } from 'next';
import Link from 'next/link';
import { getAtlas } from '@/db/connection';
import { NO_CONFIDENCE, sourcesReport, type DisputedFigure } from '@/db/sources';
import { getCollection } from '@/lib/collections';
import { CONFIDENCE } from '@/lib/collections/shared-columns';
import type { Locale } from '@/lib/collections/types';
import { formatDate, formatMoney, formatNumber } from '@/lib/format';
import type { Translate } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import './sources.css';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('sources.title') };
}

const LEVELS = [...CONFIDENCE, NO_CONFIDENCE];
const levelLabel = (level: string, locale: Locale, t: Translate) => (level === NO_CONFIDENCE ? t('sources.noConfidence') : valueLabel(level, locale));
const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

function keptFigure(f: DisputedFigure, locale: Locale): string {
  const parts: string[] = [];
  if (f.amount_usd !== null) parts.push(formatMoney(f.amount_usd, locale));
  else if (f.amount_original !== null) parts.push(`${formatNumber(f.amount_original, locale, 0)} ${f.currency ?? ''}`.trim());
  if (f.post_money_usd !== null) parts.push(`${locale === 'zh' ? '投后估值' : 'post-money'} ${formatMoney(f.post_money_usd, locale)}`);
  return parts.join(' · ') || '—';
}

function Outside({ url }: { url: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow" title={url}>
      {hostOf(url)} ↗
    </a>
  );
}

export default async function SourcesPage() {
  await requireUser('read');
  const { locale, t } = await getTranslator();
  const report = await sourcesReport(await getAtlas());
  const collections = report.collections.map((c) => c.id);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('sources.title')}</h1>
          <p>{t('sources.intro')}</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="confidence-heading">
        <h2 id="confidence-heading">{t('sources.confidence')}</h2>
        <div className="tiles" data-testid="sources-confidence">
          {LEVELS.map((level) => (
            <div key={level} className="tile">
              <div className="tile-label">{levelLabel(level, locale, t)}</div>
              <div className="tile-value">{formatNumber(report.confidence[level] ?? 0, locale, 0)}</div>
            </div>
          ))}
        </div>
        <ul className="small muted">
          {report.collections.map((c) => (
            <li key={c.id}>{t('sources.rowsIn', { n: formatNumber(c.rows, locale, 0), collection: getCollection(c.id).label[locale], m: formatNumber(c.withoutSource, locale, 0) })}</li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="disputed-heading" data-testid="sources-disputed">
        <h2 id="disputed-heading">{t('sources.disputed', { n: report.disputed.length })}</h2>
        <p className="muted small">{t('sources.disputedIntro')}</p>
        {report.disputed.length ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sources.disputedTable')}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('table.company')}</th>
                  <th scope="col">{t('table.round')}</th>
                  <th scope="col">{t('sources.kept')}</th>
                  <th scope="col">{t('sources.keptSource')}</th>
                  <th scope="col">{t('sources.competing')}</th>
                </tr>
              </thead>
              <tbody>
                {report.disputed.map((f) => (
                  <tr key={`${f.collection}/${f.id}`} data-testid="disputed-figure">
                    <td>{f.company ? <Link href={`/companies/${encodeURIComponent(f.company.id)}`}>{locale === 'zh' && f.company.name_zh ? f.company.name_zh : f.company.name}</Link> : null}</td>
                    <td>
                      <Link href={`/${f.collection}/${encodeURIComponent(f.id)}`}>{f.round_type ? valueLabel(f.round_type, locale) : f.id}</Link>
                      <div className="muted small">{formatDate(f.announced_on, f.date_precision, locale)}</div>
                    </td>
                    <td className="nowrap">
                      {keptFigure(f, locale)}
                      {f.confidence ? <div className="muted small">{valueLabel(f.confidence, locale)}</div> : null}
                    </td>
                    <td>{f.source_url ? <Outside url={f.source_url} /> : null}</td>
                    <td>
                      {f.competing.length ? (
                        <ul className="sources-links">
                          {f.competing.map((url) => (
                            <li key={url}>
                              <Outside url={url} />
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted small">{t('sources.notesOnly')}</span>
                      )}
                      {f.notes ? (
                        <details>
                          <summary className="small">{getCollection(f.collection).columns.find((c) => c.id === 'notes')?.label[locale]}</summary>
                          <p className="small prewrap" lang="en">{f.notes}</p>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('sources.noneDisputed')}</p>
        )}
      </section>
      <section className="panel" aria-labelledby="domains-heading">
        <h2 id="domains-heading">{t('sources.domains', { n: report.domains.length })}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sources.caption')}>
          <table className="data" data-testid="sources-domains">
            <caption className="sr-only">{t('sources.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sources.domain')}</th>
                <th scope="col" className="num">{t('sources.rows')}</th>
                {collections.map((id) => (
                  <th key={id} scope="col" className="num">{getCollection(id).label[locale]}</th>
                ))}
                {LEVELS.map((level) => (
                  <th key={level} scope="col" className="num">{levelLabel(level, locale, t)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.domains.map((d) => (
                <tr key={d.domain}>
                  <th scope="row" className="mono small">{d.domain}</th>
                  <td className="num">{d.rows}</td>
                  {collections.map((id) => (
                    <td key={id} className="num">
                      {d.byCollection[id] ? <Link href={`/${id}?source_url__contains=${encodeURIComponent(d.domain)}`}>{d.byCollection[id]}</Link> : <span className="muted">·</span>}
                    </td>
                  ))}
                  {LEVELS.map((level) => (
                    <td key={level} className="num">{d.byConfidence[level] ?? <span className="muted">·</span>}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
