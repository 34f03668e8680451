import type { ReactNode } from 'react';
import { nestedTreemap, type Rect } from '@/lib/analysis/treemap';
import type { MapCompany, MapLayer } from '@/lib/analysis/types';
import { formatMoney, formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';

// The market map drawn on the server as one SVG: a band per layer (each to its own scale), in it a cell per
// vertical, in that a cell per company sized by disclosed funding. Computed here, so it needs no script.

export const MAP_WIDTH = 1000;
const BAND_HEAD = 26;
const HATCH = 'map-hatch-china';

const bandHeight = (layers: number) => (layers <= 1 ? 480 : 270);

export const regionClass = (region: string | null) => (region === 'china' || region === 'overseas' ? `region-${region}` : 'region-unknown');
export const companyName = (c: { name: string; name_zh: string | null }, locale: Locale) => (locale === 'zh' && c.name_zh ? c.name_zh : c.name);
export const verticalName = (vertical: string | null, locale: Locale) => (vertical === null ? translator(locale)('map.verticalNone') : valueLabel(vertical, locale));

/** Text cut to what fits in `width` pixels at 11 px (CJK characters about twice as wide as Latin ones). */
function fit(text: string, width: number): string | null {
  let used = 0;
  let out = '';
  for (const ch of text) {
    used += ch.charCodeAt(0) > 0x2e80 ? 11 : 6.3;
    if (used > width) return out.length >= 3 ? `${out.slice(0, -1)}…` : null;
    out += ch;
  }
  return out;
}

function Label({ rect, lines, muted }: { rect: Rect; lines: (string | null)[]; muted?: boolean }) {
  const shown: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line || rect.h < 15 + i * 13) break;
    const fitted = fit(line, rect.w - 6);
    if (!fitted) break;
    shown.push(fitted);
  }
  return (
    <>
      {shown.map((line, i) => (
        <text key={i} x={rect.x + 3} y={rect.y + 12 + i * 13} className={muted || i > 0 ? 'muted-text' : undefined}>
          {line}
        </text>
      ))}
    </>
  );
}

interface Props {
  layers: MapLayer[];
  locale: Locale;
  /** Links to the companies' pages; false in a shared view, whose visitor may open this view only. */
  linked: boolean;
}

export function MarketMapSvg({ layers, locale, linked }: Props) {
  const t = translator(locale);
  const band = bandHeight(layers.length);
  const companies = layers.reduce((s, l) => s + l.count, 0);
  const cellText = (c: MapCompany) =>
    t('map.cell', {
      name: companyName(c, locale),
      funding: c.funding === null ? t('table.undisclosed') : formatMoney(c.funding, locale),
      rounds: formatNumber(c.rounds, locale, 0),
      region: c.region ? valueLabel(c.region, locale) : t('analysis.regionUnknown'),
    });
  // A cell's name is its <title> and the text it shows (no aria-label: a shortened label must stay part of the name).
  const link = (href: string, label: string, children: ReactNode, key: string) =>
    linked ? (
      <a key={key} href={href}>
        <title>{label}</title>
        {children}
      </a>
    ) : (
      <g key={key}>
        <title>{label}</title>
        {children}
      </g>
    );

  return (
    <svg className="chart-svg analysis-svg" viewBox={`0 0 ${MAP_WIDTH} ${band * layers.length}`} role="group" aria-label={t('map.svgLabel', { n: formatNumber(companies, locale, 0) })} data-testid="map-svg">
      <defs>
        <pattern id={HATCH} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="var(--chart-2)" strokeWidth="1.2" strokeOpacity="0.7" />
        </pattern>
      </defs>
      {layers.map((layer, li) => {
        const top = li * band;
        const area = { x: 0, y: top + BAND_HEAD, w: MAP_WIDTH, h: band - BAND_HEAD - 6 };
        const groups = layer.verticals.map((v) => ({
          key: v.vertical ?? '',
          value: v.total,
          vertical: v,
          children: [
            ...v.companies.map((c) => ({ key: c.id, value: c.funding ?? 0, company: c as MapCompany | null, others: 0 })),
            ...(v.others ? [{ key: '\u0000others', value: v.others.funding, company: null, others: v.others.companies }] : []),
          ],
        }));
        const placed = nestedTreemap(groups, area, { gap: 2, header: 15, minHeaderCell: 34 });
        return (
          <g key={layer.layer} data-layer={layer.layer}>
            <rect className="map-layer-band" x={0} y={top} width={MAP_WIDTH} height={BAND_HEAD - 4} rx={3} />
            <text x={6} y={top + 16} style={{ fontWeight: 600, fontSize: 12.5 }}>
              {t('map.layerHead', { layer: valueLabel(layer.layer, locale), total: formatMoney(layer.total, locale), n: formatNumber(layer.count, locale, 0) })}
            </text>
            {placed.map((group) => (
              <g key={group.item.key} data-vertical={group.item.key}>
                <rect className="map-vertical" x={group.x + 1} y={group.y + 1} width={Math.max(0, group.w - 2)} height={Math.max(0, group.h - 2)} />
                {group.header ? <Label rect={group.header} lines={[`${verticalName(group.item.vertical.vertical, locale)} · ${formatMoney(group.item.vertical.total, locale)}`]} muted /> : null}
                {group.children.map((cell) => {
                  const rect = { x: cell.x + 0.5, y: cell.y + 0.5, w: Math.max(0, cell.w - 1), h: Math.max(0, cell.h - 1) };
                  const { company, others } = cell.item;
                  if (!company) {
                    const label = `${t('map.others', { n: formatNumber(others, locale, 0) })} · ${formatMoney(cell.item.value, locale)}`;
                    return (
                      <g key={cell.item.key}>
                        <rect className="map-others" x={rect.x} y={rect.y} width={rect.w} height={rect.h} />
                        <Label rect={rect} lines={[label]} muted />
                        <title>{label}</title>
                      </g>
                    );
                  }
                  const region = regionClass(company.region);
                  return link(
                    `/companies/${encodeURIComponent(company.id)}`,
                    cellText(company),
                    <>
                      <rect className={`map-cell ${region}`} x={rect.x} y={rect.y} width={rect.w} height={rect.h} />
                      {company.region === 'china' ? <rect className="map-cell-hatch" x={rect.x} y={rect.y} width={rect.w} height={rect.h} fill={`url(#${HATCH})`} /> : null}
                      <Label rect={rect} lines={[companyName(company, locale), formatMoney(company.funding, locale)]} />
                    </>,
                    cell.item.key,
                  );
                })}
              </g>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
