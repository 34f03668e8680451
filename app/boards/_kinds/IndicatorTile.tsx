import { formatValue } from '@/app/_components/chart/format';
import { LocalizedLink } from '@/app/_components/EnMarker';
import { metricKind } from '@/app/hypotheses/_components/metric';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import type { TileDataOf } from './loaders';

/** "H3 · The base layer concentrates", in the interface's language. */
export function hypothesisName(hypothesis: TileDataOf['indicator']['hypothesis'], locale: Locale): string {
  const title = localText(hypothesis.title, hypothesis.title_zh, locale)?.text ?? hypothesis.id;
  return hypothesis.code ? `${String(hypothesis.code)} · ${title}` : title;
}

/** A hypothesis's indicator now: value against its threshold and whether the data supports the claim. */
export function IndicatorTile({ data, named, locale }: { data: TileDataOf['indicator']; named: boolean; locale: Locale }) {
  const t = translator(locale);
  const { hypothesis, evaluation } = data;
  const title = localText(hypothesis.title, hypothesis.title_zh, locale);
  const name = title ? { ...title, text: hypothesis.code ? `${String(hypothesis.code)} · ${title.text}` : title.text } : null;
  let body: React.ReactNode;
  if (evaluation.kind === 'none') body = <p className="muted small">{t('hyp.ind.none')}</p>;
  else if (evaluation.kind === 'invalid') body = <p className="error-box small">{t('hyp.ind.invalid', { message: evaluation.message })}</p>;
  else {
    const { reading } = evaluation;
    const kind = metricKind(reading.metric);
    const verdict = reading.met === null ? 'unknown' : reading.met ? 'met' : 'not';
    body = (
      <dl className="board-indicator">
        <div>
          <dt>{t('hyp.ind.current', { metric: t(`hyp.metric.${reading.metric}` as MessageKey) })}</dt>
          <dd className="board-indicator-value" data-testid="indicator-value">{formatValue(kind, reading.value, locale)}</dd>
        </div>
        <div>
          <dt>{t('hyp.ind.threshold')}</dt>
          <dd>
            {reading.threshold === null ? '—' : `${t(`hyp.dir.${reading.direction ?? 'above'}` as MessageKey)} ${formatValue(kind, reading.threshold, locale)}`}
          </dd>
        </div>
        <div>
          <dt>{t('board.indicator.verdict')}</dt>
          <dd className={`verdict verdict-${verdict}`} data-testid="indicator-verdict">
            <span aria-hidden="true">{verdict === 'unknown' ? '?' : verdict === 'met' ? '✓' : '✗'}</span>{' '}
            {t(verdict === 'unknown' ? 'board.indicator.noData' : verdict === 'met' ? 'board.indicator.met' : 'board.indicator.notMet')}
          </dd>
        </div>
      </dl>
    );
  }
  return (
    <div>
      <p className="board-indicator-name">
        {/* Untitled, the tile's heading already names the hypothesis and links to it. */}
        {named ? (
          <>
            <LocalizedLink href={`/hypotheses/${encodeURIComponent(hypothesis.id)}`} text={name} locale={locale} />{' '}
          </>
        ) : null}
        <span className="badge">
          {t('hyp.status')}: {valueLabel(String(hypothesis.status), locale)}
        </span>
      </p>
      {body}
    </div>
  );
}
