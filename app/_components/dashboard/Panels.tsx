import { NotShared, ViewLink as Link } from '@/app/_components/share/SharedView';
import type { FundedCompany } from '@/db/dashboard';
import type { Row } from '@/lib/collections/types';
import type { IndicatorReading } from '@/lib/concentration';
import { formatDate, formatMoney, formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { displayName } from '../RoundsTable';

// Dashboard panels that are lists rather than charts: the OpenAI portfolio, recent use cases, hypotheses.

function PanelHead({ id, title, href, locale }: { id: string; title: string; href: string; locale: Locale }) {
  return (
    <div className="panel-head">
      <h2 id={id}>{title}</h2>
      <NotShared>
        <Link href={href}>{translator(locale)('home.viewAll')} →</Link>
      </NotShared>
    </div>
  );
}

export function PortfolioPanel({ rows, locale, currency }: { rows: FundedCompany[]; locale: Locale; currency?: string | null }) {
  const t = translator(locale);
  return (
    <section className="panel dash-panel" aria-labelledby="dash-portfolio" data-testid="dash-portfolio">
      <PanelHead id="dash-portfolio" title={t('dash.portfolio.title')} href="/investments?investor=openai" locale={locale} />
      <p className="muted small">{t('dash.portfolio.intro')}</p>
      {rows.length ? (
        <div className="dash-scroll" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('dash.col.company')}</th>
                <th scope="col">{t('dash.col.vertical')}</th>
                <th scope="col" className="num">{t('dash.portfolio.rounds')}</th>
                <th scope="col" className="num">{currency && currency !== 'USD' ? t('fx.column', { label: t('dash.portfolio.disclosed'), currency }) : t('dash.portfolio.disclosed')}</th>
                <th scope="col">{t('dash.portfolio.latest')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/companies/${encodeURIComponent(r.id)}`}>{displayName(r, locale)}</Link>
                  </td>
                  <td>
                    {r.vertical ? <Link href={`/companies?vertical=${encodeURIComponent(r.vertical)}`}>{valueLabel(r.vertical, locale)}</Link> : t('common.none')}
                    {r.layer ? <div className="muted small">{valueLabel(r.layer, locale)}</div> : null}
                  </td>
                  <td className="num">
                    <Link href={`/investments?company_id=${encodeURIComponent(r.id)}&investor=openai`}>{formatNumber(r.rounds, locale, 0)}</Link>
                  </td>
                  <td className="num">
                    {r.total ? (
                      formatMoney(r.total, locale, currency ?? 'USD')
                    ) : r.unconverted ? (
                      <span className="muted fx-missing" title={t('fx.cell.norate', { currency: currency ?? 'USD' })} data-fx-missing="total">
                        —
                      </span>
                    ) : (
                      <span className="muted">{t('table.undisclosed')}</span>
                    )}
                  </td>
                  <td className="nowrap">{formatDate(r.latest, 'month', locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t('dash.portfolio.none')}</p>
      )}
    </section>
  );
}

interface Named {
  id: string;
  name: string;
  name_zh?: string | null;
}

export function UseCasesPanel({ rows, locale }: { rows: Row[]; locale: Locale }) {
  const t = translator(locale);
  return (
    <section className="panel dash-panel" aria-labelledby="dash-use-cases" data-testid="dash-use-cases">
      <PanelHead id="dash-use-cases" title={t('dash.useCases.title')} href="/use-cases?sort=announced_on&order=desc" locale={locale} />
      {rows.length ? (
        <ul className="dash-list">
          {rows.map((row) => {
            const customer = row.customer as Named | null;
            const provider = row.provider as Named | null;
            const description = (locale === 'zh' && row.description_zh ? row.description_zh : row.description) as string | null;
            return (
              <li key={row.id}>
                <div className="dash-list-head">
                  <Link href={`/use-cases/${encodeURIComponent(row.id)}`}>
                    {customer ? displayName(customer, locale) : row.id}
                    {provider ? ` ← ${displayName(provider, locale)}` : ''}
                  </Link>
                  {row.stage ? <span className="badge">{valueLabel(String(row.stage), locale)}</span> : null}
                  <span className="muted small">{formatDate(row.announced_on as string | null, row.date_precision as string | null, locale)}</span>
                </div>
                <div className="muted small dash-clamp">
                  {[row.product, row.function ? valueLabel(String(row.function), locale) : null].filter(Boolean).join(' · ')}
                  {description ? ` — ${description}` : ''}
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="empty">{t('dash.useCases.none')}</p>
      )}
    </section>
  );
}

export type HypothesisIndicator = { kind: 'none' } | { kind: 'invalid'; message: string } | { kind: 'ok'; reading: IndicatorReading; href: string };

function readingText(reading: IndicatorReading, locale: Locale): string {
  const t = translator(locale);
  const { metric, value } = reading;
  const shown =
    value === null ? '—' : metric === 'hhi' ? formatNumber(value, locale, 0) : metric.startsWith('cr') ? `${formatNumber(value, locale, 1)}%` : formatNumber(value, locale, 2);
  const name = metric === 'hhi' ? 'HHI' : metric === 'equivalentFirms' ? t('conc.equivalent') : metric.toUpperCase();
  const verdict =
    reading.met === null ? '' : ` · ${t(reading.met ? 'dash.indicator.supports' : 'dash.indicator.against', { threshold: formatNumber(reading.threshold ?? 0, locale, 1) })}`;
  return `${name} = ${shown}${verdict}`;
}

/** H1, H2, …, H10: codes in natural order. */
const byCode = (a: Row, b: Row) => String(a.code ?? '').localeCompare(String(b.code ?? ''), 'en', { numeric: true });

export function HypothesesPanel({ rows, indicators, locale }: { rows: Row[]; indicators: Map<string, HypothesisIndicator>; locale: Locale }) {
  const t = translator(locale);
  return (
    <section className="panel dash-panel" aria-labelledby="dash-hypotheses" data-testid="dash-hypotheses">
      <PanelHead id="dash-hypotheses" title={t('dash.hypotheses.title')} href="/hypotheses" locale={locale} />
      {rows.length ? (
        <div className="dash-scroll" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('dash.col.code')}</th>
                <th scope="col">{t('dash.col.title')}</th>
                <th scope="col">{t('dash.col.status')}</th>
                <th scope="col">{t('dash.hypotheses.indicator')}</th>
              </tr>
            </thead>
            <tbody>
              {[...rows].sort(byCode).map((row) => {
                const indicator = indicators.get(row.id) ?? { kind: 'none' };
                const title = (locale === 'zh' && row.title_zh ? row.title_zh : row.title) as string;
                return (
                  <tr key={row.id}>
                    <td className="mono">{String(row.code ?? '')}</td>
                    <td>
                      <Link href={`/hypotheses/${encodeURIComponent(row.id)}`}>{title}</Link>
                    </td>
                    <td>
                      <span className={`badge dash-status dash-status-${String(row.status)}`}>{valueLabel(String(row.status), locale)}</span>
                    </td>
                    <td className="small">
                      {indicator.kind === 'ok' ? (
                        <Link href={indicator.href}>{readingText(indicator.reading, locale)}</Link>
                      ) : indicator.kind === 'invalid' ? (
                        <span className="muted">{t('dash.indicator.invalid', { message: indicator.message })}</span>
                      ) : (
                        <span className="muted">{t('dash.indicator.none')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t('dash.hypotheses.none')}</p>
      )}
    </section>
  );
}
