import { COMPARE_CHART, CONCENTRATION_CHARTS, comparePinPath, concentrationPinPath, HOME_PATH, PINNED_METRICS, tablePinPath, type PinChoice } from '@/lib/boards/pin-targets';
import type { Collection } from '@/lib/collections/types';
import { ApiError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n';
import { pinTranslator, type PinKey } from '@/lib/i18n/catalogs/pin';
import { describeParams } from '@/lib/shares/describe-params';

// What each page offers to pin, labelled in the reader's language. A view whose URL its page refuses offers
// nothing (the page shows why).

function orNothing(make: () => PinChoice[]): PinChoice[] {
  try {
    return make();
  } catch (error) {
    if (error instanceof ApiError) return [];
    throw error;
  }
}

const clip = (label: string) => label.slice(0, 200);

export function tableChoices(collection: Collection, search: URLSearchParams, locale: Locale, label: string): PinChoice[] {
  const t = pinTranslator(locale);
  if (collection.id === 'boards') return [];
  return orNothing(() => {
    const path = tablePinPath(collection, search);
    const filters = describeParams(new URL(path, 'http://atlas.invalid').searchParams);
    return [{ key: 'table', label: clip(t('pin.table', { view: filters ? `${label} · ${filters}` : label })), tile: { kind: 'table', path } }];
  });
}

export function concentrationChoices(search: URLSearchParams, locale: Locale): PinChoice[] {
  const t = pinTranslator(locale);
  return orNothing(() => {
    const path = concentrationPinPath(search);
    return [
      ...CONCENTRATION_CHARTS.map((chart) => ({ key: chart, label: t(`pin.chart.${chart}` as PinKey), tile: { kind: 'chart' as const, path, chart } })),
      ...PINNED_METRICS.map((metric) => ({ key: metric, label: t(`pin.metric.${metric}` as PinKey), tile: { kind: 'metric' as const, path, metric } })),
    ];
  });
}

export function homeChartChoice(chart: 'funding-by-layer' | 'funding-by-region', locale: Locale): PinChoice[] {
  const t = pinTranslator(locale);
  return [{ key: chart, label: t(`pin.chart.${chart}`), tile: { kind: 'chart', path: HOME_PATH, chart } }];
}

export function compareChoices(search: URLSearchParams, locale: Locale): PinChoice[] {
  const t = pinTranslator(locale);
  return orNothing(() => [{ key: COMPARE_CHART, label: t('pin.chart.compare'), tile: { kind: 'chart', path: comparePinPath(search), chart: COMPARE_CHART } }]);
}

export function indicatorChoices(hypothesisId: string, title: string, locale: Locale): PinChoice[] {
  const t = pinTranslator(locale);
  return [{ key: 'indicator', label: clip(t('pin.indicator', { title })), tile: { kind: 'indicator', hypothesis_id: hypothesisId } }];
}
