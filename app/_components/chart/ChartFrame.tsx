'use client';

import { useId, useRef, useState, type ReactNode } from 'react';
import { translator, type Locale } from '@/lib/i18n';
import type { Cell, LegendItem } from './export';
import { useSharedView, ViewLink } from '../share/SharedView';
import './chart.css';

export interface TableColumn {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface ChartTable {
  columns: TableColumn[];
  /** Raw values, written as they are to the CSV. */
  rows: Record<string, Cell>[];
  /** Display text of a cell in the table alternative (defaults to the raw value). */
  format?: (key: string, value: Cell, row: Record<string, Cell>) => ReactNode;
}

export interface ChartFrameProps {
  title: string;
  units: string;
  /** Basis, segment, window and n: what the numbers are and where they come from. */
  source: string;
  table: ChartTable;
  locale: Locale;
  legend?: LegendItem[];
  /** SVG <pattern>s the chart and legend fill with (defined once here, exported with the chart). */
  patterns?: ReactNode;
  /** Nothing to draw: the frame says so instead of an empty plot. */
  empty?: string | null;
  /** The filtered tables behind the chart. */
  links?: { href: string; label: string }[];
  /** Pixels, or 'auto' for an SVG that keeps its own aspect ratio (a drawing of the page's, not a plot). */
  height?: number | 'auto';
  testId?: string;
  /** More buttons beside the table and export ones ("Pin to board" on the dashboard). */
  actions?: ReactNode;
  /** False when the page shows the same rows in a table of its own: the frame keeps them for the CSV only. */
  tableToggle?: boolean;
  /** Lines under the legend (the count of milestones marked). */
  notes?: ReactNode;
  children: ReactNode;
}

function Swatch({ item }: { item: LegendItem }) {
  if (item.dash !== undefined) {
    return (
      <svg width="22" height="10" aria-hidden="true">
        <line x1="1" y1="5" x2="21" y2="5" stroke={item.color} strokeWidth="2.5" strokeDasharray={item.dash || undefined} />
      </svg>
    );
  }
  return (
    <svg width="14" height="12" aria-hidden="true">
      <rect x="0.5" y="0.5" width="13" height="11" fill={item.pattern ? `url(#${item.pattern})` : item.color} stroke={item.stroke ?? item.color} />
    </svg>
  );
}

/** Title, units, the chart, its legend and source line, a data-table alternative, and PNG/SVG/CSV export. */
export function ChartFrame({ title, units, source, table, locale, legend, patterns, empty, links = [], height = 280, testId, actions, tableToggle = true, notes, children }: ChartFrameProps) {
  const t = translator(locale);
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const shared = useSharedView();
  const [showTable, setShowTable] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The export code (with papaparse) loads on the first click, not with the page.
  const svg = async () => {
    // A recharts plot, or an SVG the page draws itself (class chart-svg: the market map, the network).
    const found = body.current?.querySelector<SVGSVGElement>('svg.recharts-surface, svg.chart-svg');
    if (!found) throw new Error('nothing drawn yet');
    const defs = body.current?.parentElement?.querySelector<SVGDefsElement>('.chart-patterns defs') ?? null;
    const { standaloneSvg } = await import('./export');
    return standaloneSvg(found, { title, units: t('conc.chart.units', { units }), source, legend, defs });
  };
  const run = (action: () => Promise<void> | void) => async () => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const exports = [
    {
      format: 'PNG',
      action: async () => {
        const { download, fileName, svgToPng } = await import('./export');
        download(fileName(title, 'png'), await svgToPng(await svg()));
      },
    },
    {
      format: 'SVG',
      action: async () => {
        const { download, fileName } = await import('./export');
        download(fileName(title, 'svg'), new Blob([await svg()], { type: 'image/svg+xml;charset=utf-8' }));
      },
    },
    {
      format: 'CSV',
      action: async () => {
        const { download, fileName, toCsv } = await import('./export');
        download(fileName(title, 'csv'), toCsv(table.columns.map((c) => c.label), table.rows.map((r) => table.columns.map((c) => r[c.key] ?? null))));
      },
    },
  ];
  const show = (key: string, value: Cell, row: Record<string, Cell>) => (table.format ? table.format(key, value, row) : (value ?? ''));

  return (
    <figure className="chart-frame" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="chart-head">
        <div>
          <h3 id={`${id}-title`}>{title}</h3>
          <p className="chart-units">{t('conc.chart.units', { units })}</p>
        </div>
        <div className="chart-actions">
          {tableToggle ? (
            <button type="button" className="btn" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable((v) => !v)}>
              {showTable ? t('conc.chart.hideTable') : t('conc.chart.showTable')}
            </button>
          ) : null}
          {exports.filter(({ format }) => format !== 'CSV' || !shared || shared.allowCsv).map(({ format, action }) => (
            <button key={format} type="button" className="btn" onClick={run(action)} disabled={format !== 'CSV' && Boolean(empty)} aria-label={t('conc.chart.exportOf', { title, format })}>
              {format}
            </button>
          ))}
          {actions}
        </div>
      </div>
      {patterns ? (
        <svg className="chart-patterns" width="0" height="0" aria-hidden="true" focusable="false">
          <defs>{patterns}</defs>
        </svg>
      ) : null}
      {empty ? (
        <p className="chart-empty">{empty}</p>
      ) : (
        <div className="chart-body" ref={body} style={height === 'auto' ? undefined : { height }}>
          {children}
        </div>
      )}
      {legend?.length ? (
        <ul className="chart-legend">
          {legend.map((item) => (
            <li key={item.label}>
              <Swatch item={item} /> {item.label}
            </li>
          ))}
        </ul>
      ) : null}
      {notes}
      <figcaption className="chart-source">
        {source}
        {links.map((link) => (
          <span key={link.href}>
            {' · '}
            <ViewLink href={link.href}>{link.label}</ViewLink>
          </span>
        ))}
      </figcaption>
      {error ? <p className="chart-error" role="alert">{error}</p> : null}
      {tableToggle ? (
        <div className="chart-table" id={`${id}-table`} hidden={!showTable}>
          <table className="data">
            <caption>{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {table.columns.map((c) => (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {show(c.key, row[c.key] ?? null, row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}
