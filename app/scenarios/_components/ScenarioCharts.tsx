'use client';

import { StackedBarChart } from '../../_components/chart/StackedBarChart';
import { formatValue } from '../../_components/chart/format';
import { translator, type Locale } from '@/lib/i18n';

interface ShareBarsProps {
  locale: Locale;
  source: string;
  shares: { id: string; label: string; today: number; scenario: number }[];
}

/** Each firm's share today and under the scenario, side by side. */
export function ShareBars({ locale, source, shares }: ShareBarsProps) {
  const t = translator(locale);
  return (
    <StackedBarChart
      locale={locale}
      title={t('scn.out.sharesTitle')}
      units="%"
      source={source}
      data={shares.map((s) => ({ label: s.label, today: s.today, scenario: s.scenario }))}
      categoryKey="label"
      stacked={false}
      axis="percent"
      series={[
        { key: 'today', label: t('scn.out.today'), color: 'var(--chart-5)', pattern: 'hatch' },
        { key: 'scenario', label: t('scn.out.scenario'), color: 'var(--chart-1)' },
      ]}
      testId="share-bars"
      table={{
        columns: [
          { key: 'label', label: t('scn.as.company') },
          { key: 'today', label: t('scn.out.today'), numeric: true },
          { key: 'scenario', label: t('scn.out.scenario'), numeric: true },
        ],
        rows: shares.map((s) => ({ label: s.label, today: s.today, scenario: s.scenario })),
        format: (key, value) => (key === 'label' ? String(value ?? '') : formatValue('percent', value as number | null, locale)),
      }}
    />
  );
}

interface CompareBarsProps {
  locale: Locale;
  title: string;
  units: string;
  axis: 'hhi' | 'percent';
  source: string;
  /** One bar per column of the comparison: today, each scenario, the expectation. */
  bars: { label: string; value: number | null }[];
}

/** One measure (HHI or CR4) across today, the scenarios and their probability-weighted expectation. */
export function CompareBars({ locale, title, units, axis, source, bars }: CompareBarsProps) {
  const t = translator(locale);
  return (
    <StackedBarChart
      locale={locale}
      title={title}
      units={units}
      source={source}
      data={bars.map((b) => ({ label: b.label, value: b.value }))}
      categoryKey="label"
      stacked={false}
      axis={axis}
      series={[{ key: 'value', label: title, color: 'var(--chart-1)' }]}
      height={240}
      testId={`compare-${axis}`}
      table={{
        columns: [
          { key: 'label', label: t('scn.cmp.column') },
          { key: 'value', label: units, numeric: true },
        ],
        rows: bars.map((b) => ({ label: b.label, value: b.value })),
        format: (key, value) => (key === 'label' ? String(value ?? '') : formatValue(axis, value as number | null, locale)),
      }}
    />
  );
}
