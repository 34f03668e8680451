import { formatValue, type ValueKind } from '@/app/_components/chart/format';
import type { ConcentrationQuery, ConcentrationReport } from '@/lib/concentration';
import { formatNumber } from '@/lib/format';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';

/** The headline measures: HHI with its band, CR4, equivalent firms, n and what was left out. */
export function Tiles({ report, query, locale, kind }: { report: ConcentrationReport; query: ConcentrationQuery; locale: Locale; kind: ValueKind }) {
  const t = translator(locale);
  const empty = report.n === 0;
  const band = report.band ?? 'none';
  return (
    <section aria-label={t('conc.summary')}>
      <div className="tiles conc-tiles" data-testid="conc-tiles">
        <div className="tile" data-testid="tile-hhi">
          <div className="tile-label">{t('conc.hhi')}</div>
          <div className="tile-value">{empty ? '—' : formatValue('hhi', report.hhi, locale)}</div>
          <div className="tile-note">
            <span className={`conc-band conc-band-${band}`}>{t(`conc.band.${band}` as MessageKey)}</span> {t('conc.hhiNote')}
          </div>
        </div>
        <div className="tile" data-testid="tile-cr4">
          <div className="tile-label">{t('conc.cr4')}</div>
          <div className="tile-value">{empty ? '—' : formatValue('percent', report.cr['4'], locale)}</div>
          <div className="tile-note">{t('conc.cr4Note')}</div>
        </div>
        <div className="tile" data-testid="tile-equivalent">
          <div className="tile-label">{t('conc.equivalent')}</div>
          <div className="tile-value">{report.equivalentFirms === null ? '—' : formatNumber(report.equivalentFirms, locale, 1)}</div>
          <div className="tile-note">{t('conc.equivalentNote')}</div>
        </div>
        <div className="tile" data-testid="tile-n">
          <div className="tile-label">{t('conc.n')}</div>
          <div className="tile-value">{formatNumber(report.n, locale, 0)}</div>
          <div className="tile-note">
            {t('conc.nNote')} · {t('conc.col.total')} {formatValue(kind, report.total, locale)}
          </div>
        </div>
        <div className="tile" data-testid="tile-excluded">
          <div className="tile-label">{t('conc.excluded')}</div>
          <div className="tile-value">{formatNumber(report.excluded, locale, 0)}</div>
          <div className="tile-note">{t(`conc.excludedNote.${query.basis}` as MessageKey)}</div>
        </div>
      </div>
    </section>
  );
}
