'use client';

import { ViewLink } from '../../_components/share/SharedView';
import { formatValue, type ValueKind } from '@/app/_components/chart/format';
import { LineSeriesChart } from '@/app/_components/chart/LineSeriesChart';
import { fillPeriods } from '@/app/_components/chart/periods';
import type { Band, Guidelines, ReportSeriesPoint } from '@/lib/concentration';
import { formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { bandKey, hhiDomain, shadedBands } from '../_lib/chart-helpers';

export interface SegmentSide {
  key: string;
  label: string;
  href: string;
  hhi: number;
  band: Band | null;
  cr4: number;
  n: number;
  total: number;
  excluded: number;
  points: ReportSeriesPoint[];
}

interface Props {
  title: string;
  sides: [SegmentSide, SegmentSide];
  guidelines: Guidelines;
  intervalLabel: string;
  valueKind: ValueKind;
  source: string;
  locale: Locale;
}

const STYLES = [
  { color: 'var(--chart-1)', dash: '' },
  { color: 'var(--chart-2)', dash: '6 4' },
];

/** Two segments side by side: their headline measures and HHI over time on one chart. */
export function CompareSegments({ title, sides, guidelines, intervalLabel, valueKind, source, locale }: Props) {
  const t = translator(locale);
  const periods = fillPeriods(sides.flatMap((s) => s.points.map((p) => p.period)));
  const byPeriod = sides.map((s) => new Map(s.points.map((p) => [p.period, p])));
  const data = periods.map((period) => {
    const row: Record<string, string | number | null> = { period };
    sides.forEach((s, i) => {
      const p = byPeriod[i].get(period);
      row[s.key] = p && p.n ? p.hhi : null;
      row[`${s.key}_n`] = p?.n ?? 0;
    });
    return row;
  });
  const values = sides.flatMap((s) => s.points.map((p) => p.hhi));
  return (
    <section className="conc-compare" aria-label={title}>
      <h3>{title}</h3>
      <div className="conc-compare-sides">
        {sides.map((s, i) => (
          <ViewLink key={s.key} href={s.href} className="conc-side" data-testid={`compare-${s.key}`}>
            <span className="conc-side-name">
              <svg width="22" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2="21" y2="5" stroke={STYLES[i].color} strokeWidth="2.5" strokeDasharray={STYLES[i].dash || undefined} />
              </svg>
              {s.label}
            </span>
            <span className="conc-side-hhi">
              {t('conc.hhi')} {s.n ? formatValue('hhi', s.hhi, locale) : '—'}
            </span>
            <span className={`conc-band conc-band-${s.band ?? 'none'}`}>{t(bandKey(s.band))}</span>
            <span className="conc-side-meta">
              {t('conc.cr4')} {s.n ? formatValue('percent', s.cr4, locale) : '—'} · n = {formatNumber(s.n, locale, 0)} · {formatValue(valueKind, s.total, locale)}
            </span>
          </ViewLink>
        ))}
      </div>
      <LineSeriesChart
        title={`${title} · ${t('conc.hhiSeries.title')}`}
        units={t('conc.compare.units', { interval: intervalLabel })}
        source={source}
        locale={locale}
        data={data}
        categoryKey="period"
        series={sides.map((s, i) => ({ key: s.key, label: s.label, ...STYLES[i] }))}
        axis="hhi"
        domain={hhiDomain(values, guidelines)}
        bands={shadedBands(guidelines, locale)}
        height={240}
        empty={periods.length ? null : t('conc.series.empty')}
        table={{
          columns: [
            { key: 'period', label: t('conc.col.period') },
            ...sides.flatMap((s) => [
              { key: s.key, label: `${s.label}: ${t('conc.hhi')}`, numeric: true },
              { key: `${s.key}_n`, label: `${s.label}: n`, numeric: true },
            ]),
          ],
          rows: data,
          format: (key, value) => (typeof value === 'number' ? (key.endsWith('_n') ? formatNumber(value, locale, 0) : formatValue('hhi', value, locale)) : (value ?? '—')),
        }}
      />
    </section>
  );
}
