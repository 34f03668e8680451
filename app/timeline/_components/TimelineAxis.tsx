import type { LayerQuarter } from '@/db/dashboard';
import { formatDate, formatMoney } from '@/lib/format';
import { markerLabel, milestoneTitle, type Milestone } from '@/lib/events/markers';
import { translator, type Locale } from '@/lib/i18n';
import { Pattern } from '../../_components/chart/patterns';
import { LANE_HEIGHT, LABEL_FONT_PX, placeLabels, quarterSpan, spanOf, textWidth, timeScale } from '../_lib/layout';
import { KIND_STYLE, KindShape, LAYERS } from './kinds';

// /timeline's picture, drawn on the server (no script, nothing to load): the milestones above one time axis, the
// disclosed funding of each quarter beneath it on the same scale. The table under it says the same in words.

const WIDTH = 1100;
const LEFT = 72;
const RIGHT = 18;
const TOP = 8;
const AXIS_GAP = 14;
const FUNDING_HEIGHT = 150;
const LABEL_UNITS = 30;
/** A year's share of the width: a quiet year gets a little, each milestone adds room for its label. */
const yearWeight = (milestones: number) => 2 + 1.5 * milestones;
/** Narrower years draw their gridline but not their label. */
const MIN_LABELLED_YEAR = 30;

interface Props {
  milestones: Milestone[];
  funding: LayerQuarter[];
  locale: Locale;
  /** The window asked for (ISO dates), or null where it is open: the axis covers at least its years. */
  from: string | null;
  to: string | null;
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function TimelineAxis({ milestones, funding, locale, from, to }: Props) {
  const t = translator(locale);
  const years = [...milestones.map((m) => yearOf(m.date)), ...funding.map((f) => yearOf(f.period)), ...(from ? [yearOf(from)] : []), ...(to ? [yearOf(to)] : [])];
  if (!years.length) return null;
  const perYear = new Map<number, number>();
  for (const m of milestones) perYear.set(yearOf(m.date), (perYear.get(yearOf(m.date)) ?? 0) + 1);
  const scale = timeScale(from ? yearOf(from) : Math.min(...years), to ? yearOf(to) : Math.max(...years), {
    left: LEFT,
    right: RIGHT,
    width: WIDTH,
    weightOf: (year) => yearWeight(perYear.get(year) ?? 0),
  });

  const labels = milestones.map((m) => {
    const [a, b] = spanOf(m.date, m.date_precision);
    const text = markerLabel({ period: '', milestones: [m] }, locale, LABEL_UNITS);
    return { milestone: m, text, start: scale.x(a), end: scale.x(b + 1), x: scale.x((a + b + 1) / 2), width: textWidth(text) };
  });
  const placed = placeLabels(labels, scale.width - RIGHT);
  const lanes = Math.max(1, ...placed.map((p) => p.lane + 1));
  const axisY = TOP + lanes * LANE_HEIGHT + 12;
  const labelY = (lane: number) => axisY - 14 - lane * LANE_HEIGHT;
  const fundingTop = axisY + AXIS_GAP + 18;
  const fundingBottom = fundingTop + FUNDING_HEIGHT;
  const height = fundingBottom + 8;

  const quarters = new Map<string, Map<string, number>>();
  for (const row of funding) {
    const layers = quarters.get(row.period) ?? new Map<string, number>();
    layers.set(row.layer ?? 'none', (layers.get(row.layer ?? 'none') ?? 0) + row.total);
    quarters.set(row.period, layers);
  }
  const maxTotal = Math.max(0, ...[...quarters.values()].map((layers) => [...layers.values()].reduce((a, b) => a + b, 0)));
  const yOf = (value: number) => fundingBottom - (maxTotal ? (value / maxTotal) * FUNDING_HEIGHT : 0);
  return (
    <svg
      className="timeline-svg"
      width={scale.width}
      height={height}
      preserveAspectRatio="xMinYMin meet"
      viewBox={`0 0 ${scale.width} ${height}`}
      role="img"
      aria-labelledby="timeline-svg-title timeline-svg-desc"
      data-testid="timeline-axis"
    >
      <title id="timeline-svg-title">{t('tl.axis.title', { from: String(scale.startYear), to: String(scale.endYear) })}</title>
      <desc id="timeline-svg-desc">{t('tl.axis.desc', { n: milestones.length })}</desc>
      <defs>
        {LAYERS.filter((l) => l.pattern).map((l) => (
          <Pattern key={l.key} id={`tl-pat-${l.key}`} kind={l.pattern ?? 'hatch'} color={l.color} />
        ))}
      </defs>
      {scale.years.map(({ year, x, width }) => (
        <g key={year} className="timeline-year">
          <line x1={x} x2={x} y1={TOP} y2={fundingBottom} className="timeline-grid" />
          {width >= MIN_LABELLED_YEAR ? (
            <text x={x + width / 2} y={axisY + AXIS_GAP + 4} textAnchor="middle" className="timeline-tick">
              {year}
            </text>
          ) : null}
        </g>
      ))}
      <line x1={scale.width - RIGHT} x2={scale.width - RIGHT} y1={TOP} y2={fundingBottom} className="timeline-grid" />
      <line x1={LEFT} x2={scale.width - RIGHT} y1={axisY} y2={axisY} className="timeline-axis-line" />
      {[...quarters].map(([period, layers]) => {
        const [a, b] = quarterSpan(period);
        const x = scale.x(a) + 0.5;
        const width = Math.max(1, scale.x(b) - scale.x(a) - 1);
        let base = 0;
        return (
          <g key={period} data-testid="timeline-quarter">
            <title>{`${period}: ${formatMoney([...layers.values()].reduce((s, v) => s + v, 0), locale)}`}</title>
            {LAYERS.filter((l) => layers.has(l.key)).map((l) => {
              const value = layers.get(l.key) ?? 0;
              const y0 = yOf(base);
              base += value;
              const y1 = yOf(base);
              return <rect key={l.key} x={x} y={y1} width={width} height={Math.max(0.5, y0 - y1)} fill={l.pattern ? `url(#tl-pat-${l.key})` : l.color} stroke={l.color} strokeWidth={0.75} />;
            })}
          </g>
        );
      })}
      <line x1={LEFT} x2={scale.width - RIGHT} y1={fundingBottom} y2={fundingBottom} className="timeline-axis-line" />
      {[0, 0.5, 1].map((f) => (
        <text key={f} x={LEFT - 6} y={yOf(maxTotal * f) + 4} textAnchor="end" className="timeline-tick">
          {formatMoney(maxTotal * f, locale) || '0'}
        </text>
      ))}
      <text x={LEFT + 6} y={fundingTop + 12} className="timeline-tick timeline-funding-label">
        {t('tl.funding')}
      </text>
      {/* Leaders first: a label drawn later, on its halo, hides any leader that passes behind it. */}
      {labels.map(({ milestone, x }, i) => (
        <line key={milestone.id} x1={x} x2={x} y1={axisY} y2={labelY(placed[i].lane) + 3} className="timeline-leader" />
      ))}
      {labels.map(({ milestone, text, start, end, x }, i) => {
        const place = placed[i];
        const y = labelY(place.lane);
        const style = KIND_STYLE[milestone.kind] ?? KIND_STYLE.other;
        return (
          <g key={milestone.id} className="timeline-event" data-testid="timeline-event" data-id={milestone.id} data-kind={milestone.kind}>
            <title>{`${formatDate(milestone.date, milestone.date_precision, locale)} · ${milestoneTitle(milestone, locale)}`}</title>
            {end - start > 3 ? <line x1={start} x2={end} y1={axisY} y2={axisY} stroke={style.color} strokeWidth={4} strokeOpacity={0.45} /> : null}
            <KindShape kind={milestone.kind} x={x} y={axisY} />
            <text x={place.anchor === 'start' ? x + 5 : x - 5} y={y} textAnchor={place.anchor} fontSize={LABEL_FONT_PX} className="timeline-label" paintOrder="stroke">
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
