import Link from 'next/link';
import type { ScenarioOutcome } from '@/db/scenarios';
import type { Measures } from '@/lib/scenarios/apply';
import { formatNumber } from '@/lib/format';
import { describeQuery } from '@/lib/hypotheses/segment';
import { translator, type Locale, type MessageKey } from '@/lib/i18n';
import { formatValue } from '../../_components/chart/format';
import { ShareBars } from './ScenarioCharts';

const signed = (v: number, digits: number, locale: Locale) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatNumber(Math.abs(v), locale, digits)}`;

/** HHI, CR4 and equivalent firms today and under the assumptions, and each firm's share. */
export function OutcomePanel({ outcome, locale }: { outcome: ScenarioOutcome; locale: Locale }) {
  const t = translator(locale);
  if (outcome.kind === 'none') return <p className="muted">{t('scn.out.none')}</p>;
  if (outcome.kind === 'invalid') return <p className="error-box" role="alert">{outcome.message}</p>;
  const rows: { key: string; label: string; pick: (m: Measures) => number | null; format: (v: number | null) => string; digits: number }[] = [
    { key: 'hhi', label: t('scn.out.hhi'), pick: (m) => m.hhi, format: (v) => formatValue('hhi', v, locale), digits: 0 },
    { key: 'cr4', label: t('scn.out.cr4'), pick: (m) => (m.n ? m.cr4 : null), format: (v) => formatValue('percent', v, locale), digits: 1 },
    { key: 'equivalentFirms', label: t('scn.out.equivalent'), pick: (m) => m.equivalentFirms, format: (v) => (v === null ? '—' : formatNumber(v, locale, 2)), digits: 2 },
    { key: 'n', label: t('scn.out.n'), pick: (m) => m.n, format: (v) => (v === null ? '—' : formatNumber(v, locale, 0)), digits: 0 },
  ];
  const band = (m: Measures) => (m.band ? t(`scn.band.${m.band}` as MessageKey) : '—');
  const labelOf = (s: { id: string; name: string; name_zh: string | null }) => (s.id === '_unattributed' ? t('scn.out.unattributed') : (locale === 'zh' && s.name_zh) || s.name);
  const windowText = `${outcome.window.from ?? '…'} – ${outcome.window.to ?? t('hyp.seg.open')}`;
  const source = t('scn.out.source', { basis: t(`hyp.basis.${outcome.basis}` as MessageKey), segment: describeQuery(outcome.segment) || t('hyp.seg.allCompanies'), window: windowText, excluded: outcome.excluded });
  return (
    <>
      <p className="small muted inline-links">
        {source} <Link href={`/concentration?${outcome.segment}`}>{t('hyp.ind.open')}</Link>
      </p>
      {outcome.warnings.map((w) => (
        <p key={w} className="notice small" role="status">
          {t(`scn.warn.${w}` as MessageKey)}
        </p>
      ))}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('scn.out.title')}>
        <table className="data measures" data-testid="scenario-measures">
          <caption className="sr-only">{t('scn.out.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scn.out.measure')}</th>
              <th scope="col" className="num">{t('scn.out.today')}</th>
              <th scope="col" className="num">{t('scn.out.scenario')}</th>
              <th scope="col" className="num">{t('scn.out.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const a = r.pick(outcome.today);
              const b = r.pick(outcome.scenario);
              return (
                <tr key={r.key} data-measure={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{r.format(a)}</td>
                  <td className="num" data-testid={`scenario-${r.key}`}>
                    {r.format(b)}
                  </td>
                  <td className="num">{a === null || b === null ? '—' : signed(b - a, r.digits, locale)}</td>
                </tr>
              );
            })}
            <tr>
              <th scope="row">{t('scn.out.band')}</th>
              <td className="num">{band(outcome.today)}</td>
              <td className="num">{band(outcome.scenario)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <ShareBars locale={locale} source={source} shares={outcome.shares.map((s) => ({ id: s.id, label: labelOf(s), today: s.today, scenario: s.scenario }))} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('scn.out.sharesTitle')}>
        <table className="data" data-testid="scenario-shares">
          <caption className="sr-only">{t('scn.out.sharesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scn.as.company')}</th>
              <th scope="col" className="num">{t('scn.out.today')}</th>
              <th scope="col" className="num">{t('scn.out.stated')}</th>
              <th scope="col" className="num">{t('scn.out.scenario')}</th>
              <th scope="col">{t('scn.out.how')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.shares.map((s) => (
              <tr key={s.id}>
                <td>{s.id === '_unattributed' ? labelOf(s) : <Link href={`/companies/${encodeURIComponent(s.id)}`}>{labelOf(s)}</Link>}</td>
                <td className="num">{formatValue('percent', s.today, locale)}</td>
                <td className="num">{s.stated === null ? '—' : formatValue('percent', s.stated, locale)}</td>
                <td className="num">{formatValue('percent', s.scenario, locale)}</td>
                <td className="small">{s.assumed ? t('scn.out.assumed') : s.id === '_unattributed' ? t('scn.out.remainder') : t('scn.out.scaled')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
