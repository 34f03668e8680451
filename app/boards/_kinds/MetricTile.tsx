import { formatValue } from '@/app/_components/chart/format';
import { describeSegment } from '@/app/concentration/_lib/describe';
import { metricKind } from '@/app/hypotheses/_components/metric';
import { formatNumber } from '@/lib/format';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';
import { concentrationView } from '@/lib/query/view-state';
import type { TileDataOf } from './loaders';

/** A window's ends as years when they are whole years (`2019 – 2021`), else as dates. */
export function windowText(window: { from: string | null; to: string | null }, locale: Locale): string {
  if (!window.from && !window.to) return translator(locale)('conc.window.all');
  const from = window.from?.endsWith('-01-01') ? window.from.slice(0, 4) : window.from;
  const to = window.to?.endsWith('-12-31') ? window.to.slice(0, 4) : window.to;
  return from === to ? String(from) : `${from ?? '…'} – ${to ?? '…'}`;
}

/** The companies a concentration path measures (`Layer = Foundation`), or '' when it names none or cannot be read. */
export function segmentOf(path: string, locale: Locale): string {
  try {
    const query = concentrationView.parse(new URL(path, 'http://atlas.invalid').searchParams).query;
    return query.companies.filters.length || query.companies.q ? describeSegment(query, locale) : '';
  } catch {
    return '';
  }
}

/** One concentration measure: the number, its guideline band (HHI), n, the window and the change against the window before. */
export function MetricTile({ data, locale }: { data: TileDataOf['metric']; locale: Locale }) {
  const t = translator(locale);
  const kind = metricKind(data.metric);
  const segment = segmentOf(data.href, locale) || t('conc.segment.all');
  const comparison = data.comparison;
  let change: React.ReactNode;
  if (!comparison) change = <span className="muted">{t('board.metric.noComparison')}</span>;
  else if (comparison.change === null) change = <span className="muted">{t('board.metric.noPrevious', { window: windowText(comparison, locale) })}</span>;
  else {
    const direction = comparison.change > 0 ? 'up' : comparison.change < 0 ? 'down' : 'same';
    const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '＝';
    const sign = direction === 'up' ? '+' : direction === 'down' ? '−' : '±';
    change = (
      <span className={`board-change board-change-${direction}`} data-testid="metric-change">
        <span aria-hidden="true">{arrow}</span> <span className="sr-only">{t(`board.metric.${direction}` as MessageKey)}: </span>
        {t('board.metric.change', { change: `${sign}${formatValue(kind, Math.abs(comparison.change), locale)}`, window: windowText(comparison, locale), previous: formatValue(kind, comparison.value, locale) })}
      </span>
    );
  }
  return (
    <div className="board-metric">
      <div className="board-metric-value" data-testid="metric-value">
        {formatValue(kind, data.value, locale)}
      </div>
      {data.metric === 'hhi' ? <span className={`conc-band conc-band-${data.band ?? 'none'}`}>{t(`conc.band.${data.band ?? 'none'}` as MessageKey)}</span> : null}
      <p className="board-metric-change small">{change}</p>
      <p className="small muted board-metric-where">
        {[t('board.metric.segment', { segment }), t('board.metric.window', { window: windowText(data.window, locale) }), t('board.metric.firms', { n: formatNumber(data.n, locale, 0) })].join(' · ')}
      </p>
    </div>
  );
}
