'use client';

import type { ReactNode } from 'react';
import { ViewLink as Link } from '@/app/_components/share/SharedView';
import { formatValue, moneyKind } from '../chart/format';
import { HBarChart } from '../chart/HBarChart';
import { fillPeriods } from '../chart/periods';
import { StackedBarChart, type BarSeries } from '../chart/StackedBarChart';
import { formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import type { Milestone } from '@/lib/events/markers';

export interface PeriodGroupTotal {
  period: string;
  group: string | null;
  total: number;
}

export interface FundedRow {
  id: string;
  name: string;
  name_zh: string | null;
  total: number;
  rounds: number;
}

interface Common {
  locale: Locale;
  source: string;
  /** The currency the totals are in (`currency=`); US dollars when absent. */
  currency?: string | null;
  /** More buttons in the chart's head (the dashboard's "Pin to board"). */
  actions?: ReactNode;
}

/** A time chart: it marks the view's milestones at their periods (null: none). */
interface Timed {
  milestones?: Milestone[] | null;
}

const inOtherCurrency = (currency: string | null | undefined): currency is string => Boolean(currency && currency !== 'USD');

/** Rows per period with one column per group (missing = 0), groups in the given order. */
function pivot(rows: readonly PeriodGroupTotal[], groups: readonly string[]): Record<string, string | number>[] {
  const periods = fillPeriods(rows.map((r) => r.period));
  return periods.map((period) => {
    const row: Record<string, string | number> = { period };
    for (const g of groups) row[g] = 0;
    for (const r of rows) if (r.period === period) row[r.group ?? 'none'] = (Number(row[r.group ?? 'none']) || 0) + r.total;
    return row;
  });
}

function table(locale: Locale, periodLabel: string, series: BarSeries[], data: Record<string, string | number>[], currency?: string | null) {
  return {
    columns: [{ key: 'period', label: periodLabel }, ...series.map((s) => ({ key: s.key, label: s.label, numeric: true }))],
    rows: data,
    format: (key: string, value: string | number | null) => (key === 'period' ? value : formatValue(moneyKind(currency), Number(value), locale)),
  };
}

export function FundingByQuarterChart({ rows, locale, source, actions, milestones, currency }: Common & Timed & { rows: PeriodGroupTotal[] }) {
  const t = translator(locale);
  const series: BarSeries[] = [
    { key: 'foundation', label: valueLabel('foundation', locale), color: 'var(--chart-1)' },
    { key: 'infrastructure', label: valueLabel('infrastructure', locale), color: 'var(--chart-3)', pattern: 'dots' },
    { key: 'application', label: valueLabel('application', locale), color: 'var(--chart-2)', pattern: 'hatch' },
    { key: 'none', label: t('dash.layer.none'), color: 'var(--chart-5)', pattern: 'cross' },
  ];
  const used = series.filter((s) => rows.some((r) => (r.group ?? 'none') === s.key));
  const data = pivot(rows, used.map((s) => s.key));
  return (
    <StackedBarChart
      testId="chart-quarter-layer"
      actions={actions}
      title={t('dash.quarter.title')}
      units={inOtherCurrency(currency) ? t('fx.units', { currency }) : t('dash.quarter.units')}
      source={source}
      locale={locale}
      data={data}
      categoryKey="period"
      series={used}
      axis={moneyKind(currency)}
      milestones={milestones}
      empty={data.length ? null : t('conc.series.empty')}
      links={[
        { href: '/investments?amount_usd__isnull=0&sort=announced_on&order=asc', label: t('dash.viewTable') },
        ...used.filter((s) => s.key !== 'none').map((s) => ({ href: `/companies?layer=${s.key}`, label: s.label })),
      ]}
      table={table(locale, t('dash.col.quarter'), used, data, currency)}
    />
  );
}

export function RegionByYearChart({ rows, locale, source, actions, milestones, currency }: Common & Timed & { rows: PeriodGroupTotal[] }) {
  const t = translator(locale);
  const series: BarSeries[] = [
    { key: 'overseas', label: valueLabel('overseas', locale), color: 'var(--chart-1)' },
    { key: 'china', label: valueLabel('china', locale), color: 'var(--chart-2)', pattern: 'hatch' },
  ];
  const data = pivot(rows.filter((r) => r.group), series.map((s) => s.key));
  return (
    <StackedBarChart
      testId="chart-region-year"
      actions={actions}
      title={t('dash.region.title')}
      units={inOtherCurrency(currency) ? t('fx.units', { currency }) : t('dash.region.units')}
      source={source}
      locale={locale}
      data={data}
      categoryKey="period"
      series={series}
      axis={moneyKind(currency)}
      stacked={false}
      milestones={milestones}
      empty={data.length ? null : t('conc.series.empty')}
      links={series.map((s) => ({ href: `/companies?region=${s.key}`, label: s.label })).concat({ href: '/concentration?interval=year', label: t('nav.concentration') })}
      table={table(locale, t('dash.col.year'), series, data, currency)}
    />
  );
}

export function TopFundedChart({ rows, locale, source, currency }: Common & { rows: FundedRow[] }) {
  const t = translator(locale);
  const name = (r: FundedRow) => (locale === 'zh' && r.name_zh ? r.name_zh : r.name);
  return (
    <HBarChart
      testId="chart-top-funded"
      title={t('dash.top.title')}
      units={inOtherCurrency(currency) ? t('fx.units', { currency }) : t('dash.top.units')}
      source={source}
      locale={locale}
      axis={moneyKind(currency)}
      data={rows.map((r) => ({ id: r.id, label: name(r), value: r.total, display: formatValue(moneyKind(currency), r.total, locale) }))}
      empty={rows.length ? null : t('conc.empty')}
      links={[
        { href: '/investments?amount_usd__isnull=0&sort=amount_usd&order=desc', label: t('dash.viewTable') },
        { href: '/concentration', label: t('nav.concentration') },
      ]}
      table={{
        columns: [
          { key: 'name', label: t('dash.col.company') },
          { key: 'total', label: t('dash.col.funding'), numeric: true },
          { key: 'rounds', label: t('dash.portfolio.rounds'), numeric: true },
          { key: 'id', label: 'id' },
        ],
        rows: rows.map((r) => ({ name: name(r), total: r.total, rounds: r.rounds, id: r.id })),
        format: (key, value, row) => {
          if (key === 'name') return <Link href={`/investments?company_id=${encodeURIComponent(String(row.id))}`}>{value}</Link>;
          if (key === 'total') return formatValue(moneyKind(currency), Number(value), locale);
          if (key === 'rounds') return formatNumber(Number(value), locale, 0);
          return value;
        },
      }}
    />
  );
}
