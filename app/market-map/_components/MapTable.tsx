import Link from 'next/link';
import type { MapLayer } from '@/lib/analysis/types';
import { formatMoney, formatNumber } from '@/lib/format';
import type { Locale, Translate } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import type { ChartTable } from '../../_components/chart/ChartFrame';
import { companyName, verticalName } from './MarketMapSvg';

// The market map's twin: the same grouping as a table (the accessible view, and what works without a picture),
// and the rows of its CSV download.

const regionText = (region: string | null, t: Translate, locale: Locale) => (region ? valueLabel(region, locale) : t('analysis.regionUnknown'));

/** One row per company (and per vertical's unnamed rest): the CSV of the grouping. */
export function mapCsvRows(layers: MapLayer[], locale: Locale, t: Translate): ChartTable {
  const rows: ChartTable['rows'] = [];
  for (const layer of layers) {
    for (const v of layer.verticals) {
      const base = { layer: valueLabel(layer.layer, locale), vertical: verticalName(v.vertical, locale) };
      for (const c of v.companies) rows.push({ ...base, id: c.id, company: companyName(c, locale), funding: c.funding, rounds: c.rounds, region: regionText(c.region, t, locale) });
      if (v.others) rows.push({ ...base, id: null, company: t('map.others', { n: v.others.companies }), funding: v.others.funding, rounds: v.others.rounds, region: null });
    }
  }
  return {
    columns: [
      { key: 'layer', label: t('map.col.layer') },
      { key: 'vertical', label: t('map.col.vertical') },
      { key: 'id', label: 'id' },
      { key: 'company', label: t('map.col.company') },
      { key: 'funding', label: t('map.col.funding'), numeric: true },
      { key: 'rounds', label: t('map.col.rounds'), numeric: true },
      { key: 'region', label: t('map.col.region') },
    ],
    rows,
  };
}

export function MapTable({ layers, locale, t, linked }: { layers: MapLayer[]; locale: Locale; t: Translate; linked: boolean }) {
  return (
    <section className="panel" aria-labelledby="map-table-title">
      <h2 id="map-table-title">{t('map.table.title')}</h2>
      <div className="analysis-table" role="region" aria-labelledby="map-table-title" tabIndex={0}>
        <table className="data" data-testid="map-table">
          <caption className="sr-only">{t('map.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('map.col.layer')}</th>
              <th scope="col">{t('map.col.vertical')}</th>
              <th scope="col">{t('map.col.company')}</th>
              <th scope="col" className="num">
                {t('map.col.funding')}
              </th>
              <th scope="col" className="num">
                {t('map.col.rounds')}
              </th>
              <th scope="col">{t('map.col.region')}</th>
            </tr>
          </thead>
          <tbody>
            {layers.flatMap((layer) =>
              layer.verticals.flatMap((v) => {
                const layerName = valueLabel(layer.layer, locale);
                const vertical = verticalName(v.vertical, locale);
                const rows = v.companies.map((c) => (
                  <tr key={`${layer.layer}/${v.vertical}/${c.id}`} data-company={c.id}>
                    <td>{layerName}</td>
                    <td>{vertical}</td>
                    <td>{linked ? <Link href={`/companies/${encodeURIComponent(c.id)}`}>{companyName(c, locale)}</Link> : companyName(c, locale)}</td>
                    <td className="num" data-value={c.funding ?? ''}>
                      {c.funding === null ? <span className="muted">{t('table.undisclosed')}</span> : formatMoney(c.funding, locale)}
                    </td>
                    <td className="num">{formatNumber(c.rounds, locale, 0)}</td>
                    <td>{regionText(c.region, t, locale)}</td>
                  </tr>
                ));
                if (v.others) {
                  rows.push(
                    <tr key={`${layer.layer}/${v.vertical}/others`} className="muted">
                      <td>{layerName}</td>
                      <td>{vertical}</td>
                      <td>{t('map.others', { n: formatNumber(v.others.companies, locale, 0) })}</td>
                      <td className="num">{formatMoney(v.others.funding, locale)}</td>
                      <td className="num">{formatNumber(v.others.rounds, locale, 0)}</td>
                      <td />
                    </tr>,
                  );
                }
                return rows;
              }),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
