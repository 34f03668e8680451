import { NotShared, ViewLink as Link } from '@/app/_components/share/SharedView';
import type { IndicatorEvaluation } from '@/db/indicators';
import type { HypothesisIndicator } from '@/lib/hypotheses/indicator';
import { formatNumber } from '@/lib/format';
import { describeQuery } from '@/lib/hypotheses/segment';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';
import { formatValue } from '../../_components/chart/format';
import { IndicatorTrendChart } from './HypothesisCharts';
import { metricKind } from './metric';
import { IndicatorEditor } from './IndicatorEditor';
import type { Milestone } from '@/lib/events/markers';

interface Props {
  hypothesisId: string;
  evaluation: IndicatorEvaluation;
  stored: unknown;
  locale: Locale;
  /** Milestones the trend marks (null: none), and the links that turn them on and off. */
  milestones?: Milestone[] | null;
  milestoneToggle?: React.ReactNode;
}

/** The live indicator: its query, current value against the threshold, the trend by year, and its editor. */
export function IndicatorPanel({ hypothesisId, evaluation, stored, locale, milestones = null, milestoneToggle }: Props) {
  const t = translator(locale);
  const initial = evaluation.kind === 'ok' ? ({ ...evaluation.indicator, label: evaluation.label ?? undefined } as Partial<HypothesisIndicator>) : null;
  let body: React.ReactNode;
  if (evaluation.kind === 'none') body = <p className="muted">{t('hyp.ind.none')}</p>;
  else if (evaluation.kind === 'invalid') {
    body = (
      <div className="error-box" role="alert">
        <p>{t('hyp.ind.invalid', { message: evaluation.message })}</p>
        <pre className="mono small prewrap">{JSON.stringify(stored)}</pre>
      </div>
    );
  } else {
    const { reading, indicator, label } = evaluation;
    const kind = metricKind(reading.metric);
    const metricLabel = t(`hyp.metric.${reading.metric}` as MessageKey);
    const windowText = `${evaluation.window.from ?? '…'} – ${evaluation.window.to ?? t('hyp.seg.open')}`;
    const filters = new URLSearchParams(evaluation.query);
    for (const key of ['from', 'to', 'basis']) filters.delete(key);
    const verdict = reading.met === null ? 'hyp.ind.unknown' : reading.met ? 'hyp.ind.met' : 'hyp.ind.notMet';
    body = (
      <>
        {label ? <p className="indicator-label">{(locale === 'zh' && label.zh) || label.en}</p> : null}
        <div className="indicator-reading" data-testid="indicator-reading">
          <div>
            <div className="tile-label">{t('hyp.ind.current', { metric: metricLabel })}</div>
            <div className="tile-value" data-testid="indicator-value">
              {formatValue(kind, reading.value, locale)}
            </div>
          </div>
          <div>
            <div className="tile-label">{t('hyp.ind.threshold')}</div>
            <div className="tile-value small-value">
              {t(`hyp.dir.${reading.direction ?? 'above'}` as MessageKey)} {formatValue(kind, reading.threshold, locale)}
            </div>
          </div>
          <div>
            <div className="tile-label">{t('hyp.ind.crossed')}</div>
            <div className={`verdict verdict-${reading.met === null ? 'unknown' : reading.met ? 'met' : 'not'}`} data-testid="indicator-verdict">
              <span aria-hidden="true">{reading.met === null ? '?' : reading.met ? '✓' : '✗'}</span> {t(verdict)}
            </div>
          </div>
        </div>
        <p className="small muted inline-links">
          {t('hyp.ind.describe', { basis: t(`hyp.basis.${indicator.basis}` as MessageKey), filters: describeQuery(filters) || t('hyp.seg.allCompanies'), window: windowText })}{' '}
          {t('hyp.ind.counted', { n: formatNumber(evaluation.n, locale, 0), excluded: formatNumber(evaluation.excluded, locale, 0) })}{' '}
          <NotShared>
            <Link href={`/concentration?${evaluation.query}`}>{t('hyp.ind.open')}</Link> ·{' '}
            <a href={`/api/v1/hypotheses/${encodeURIComponent(hypothesisId)}/indicator`}>JSON</a>
          </NotShared>
        </p>
        {evaluation.trend.length ? milestoneToggle : null}
        <IndicatorTrendChart
          locale={locale}
          milestones={milestones}
          title={t('hyp.ind.trendTitle', { metric: metricLabel })}
          source={t('hyp.ind.trendSource', { basis: t(`hyp.basis.${indicator.basis}` as MessageKey), filters: describeQuery(filters) || t('hyp.seg.allCompanies'), window: windowText })}
          metric={reading.metric}
          metricLabel={metricLabel}
          threshold={reading.threshold}
          points={evaluation.trend}
        />
      </>
    );
  }
  return (
    <section className="panel" aria-labelledby="indicator-heading" data-testid="indicator-panel">
      <div className="panel-head">
        <h2 id="indicator-heading">{t('hyp.ind.title')}</h2>
      </div>
      {body}
      <NotShared>
        <IndicatorEditor key={JSON.stringify(stored ?? null)} hypothesisId={hypothesisId} locale={locale} initial={initial} />
      </NotShared>
    </section>
  );
}
