import type { Metadata } from 'next';
import { ViewLink as Link } from '@/app/_components/share/SharedView';
import { getAtlas } from '@/db/connection';
import { getCollection } from '@/lib/collections';
import { formatNumber } from '@/lib/format';
import { describeQuery } from '@/lib/hypotheses/segment';
import type { MessageKey, Translate } from '@/lib/i18n';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import { searchParamsOf } from '@/lib/query/view-state';
import type { Measures } from '@/lib/scenarios/apply';
import type { Comparison } from '@/db/scenarios';
import { byKind } from '@/lib/scenarios/compare';
import { formatValue } from '../../_components/chart/format';
import { requireUser } from '../../_lib/auth';
import { ShareButton } from '../../_components/share/ShareButton';
import { compareChoices } from '../../_components/pin/choices';
import { PinToBoard } from '../../_components/pin/PinToBoard';
import { loadCompare } from '../../_views/compare';
import { sharedView, viewData } from '../../_views/shared';
import { getTranslator } from '../../_lib/locale';
import { CompareBars } from '../_components/ScenarioCharts';
import '../../hypotheses/hypotheses.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Compare scenarios' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type Locale = 'en' | 'zh';

function ComparisonView({ comparison, t, locale }: { comparison: Comparison; t: Translate; locale: Locale }) {
  const { scenarios, expectation, sameSegment } = comparison;
  const firstOk = scenarios.find((s) => s.outcome.kind === 'ok')?.outcome;
  const today = sameSegment && firstOk?.kind === 'ok' ? firstOk.today : null;
  const measureOf = (s: (typeof scenarios)[number]): Measures | null => (s.outcome.kind === 'ok' ? s.outcome.scenario : null);
  const rows: { label: string; today: string; cells: string[]; expected: string; testId: string }[] = [
    { label: t('scn.kind'), today: '', cells: scenarios.map((s) => valueLabel(String(s.row.kind), locale)), expected: '', testId: 'kind' },
    { label: t('scn.probability'), today: '', cells: scenarios.map((s) => (typeof s.row.probability === 'number' ? `${formatNumber(s.row.probability, locale, 1)}%` : '—')), expected: `${formatNumber(expectation.probabilityTotal, locale, 1)}%`, testId: 'probability' },
    { label: t('scn.horizon'), today: '', cells: scenarios.map((s) => (s.row.horizon === null ? '—' : String(s.row.horizon))), expected: '', testId: 'horizon' },
    { label: t('scn.out.hhi'), today: formatValue('hhi', today?.hhi, locale), cells: scenarios.map((s) => formatValue('hhi', measureOf(s)?.hhi, locale)), expected: formatValue('hhi', expectation.hhi, locale), testId: 'hhi' },
    { label: t('scn.out.cr4'), today: formatValue('percent', today?.n ? today.cr4 : null, locale), cells: scenarios.map((s) => formatValue('percent', measureOf(s)?.n ? measureOf(s)?.cr4 : null, locale)), expected: formatValue('percent', expectation.cr4, locale), testId: 'cr4' },
    { label: t('scn.out.equivalent'), today: formatValue('number', today?.equivalentFirms, locale), cells: scenarios.map((s) => formatValue('number', measureOf(s)?.equivalentFirms, locale)), expected: '', testId: 'equivalent' },
    { label: t('scn.out.band'), today: today?.band ? t(`scn.band.${today.band}` as MessageKey) : '—', cells: scenarios.map((s) => { const b = measureOf(s)?.band; return b ? t(`scn.band.${b}` as MessageKey) : '—'; }), expected: '', testId: 'band' },
  ];
  const label = (s: (typeof scenarios)[number]) => `${valueLabel(String(s.row.kind), locale)}: ${localText(s.row.title, s.row.title_zh, locale)?.text ?? s.row.id}`;
  const short = (s: (typeof scenarios)[number]) => valueLabel(String(s.row.kind), locale);
  const source = firstOk?.kind === 'ok' ? t('scn.cmp.source', { segment: describeQuery(firstOk.segment) || t('hyp.seg.allCompanies'), basis: t(`hyp.basis.${firstOk.basis}` as MessageKey) }) : '';
  const bars = (pick: (m: Measures) => number | null, todayValue: number | null, expected: number | null) => [
    ...(today ? [{ label: t('scn.out.today'), value: todayValue }] : []),
    ...scenarios.map((s) => ({ label: short(s), value: measureOf(s) ? pick(measureOf(s) as Measures) : null })),
    { label: t('scn.cmp.expectedShort'), value: expected },
  ];
  return (
    <>
      {!sameSegment ? <p className="notice small">{t('scn.cmp.differentSegments')}</p> : null}
      {Math.abs(expectation.probabilityTotal - 100) > 1e-6 ? <p className="notice small">{t('scn.cmp.normalised', { total: formatNumber(expectation.probabilityTotal, locale, 1) })}</p> : null}
      {expectation.skipped ? <p className="notice small">{t('scn.cmp.skipped', { n: expectation.skipped })}</p> : null}
      <div className="table-scroll panel" tabIndex={0} role="region" aria-label={t('scn.cmp.title')}>
        <table className="data compare-table" data-testid="compare-table">
          <caption className="sr-only">{t('scn.cmp.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scn.out.measure')}</th>
              {today ? <th scope="col" className="num">{t('scn.out.today')}</th> : null}
              {scenarios.map((s) => (
                <th scope="col" className="num" key={s.row.id}>
                  <Link href={`/scenarios/${encodeURIComponent(s.row.id)}`}>{label(s)}</Link>
                </th>
              ))}
              <th scope="col" className="num">{t('scn.cmp.expected')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.testId} data-row={r.testId}>
                <th scope="row">{r.label}</th>
                {today ? <td className="num">{r.today}</td> : null}
                {r.cells.map((c, i) => (
                  <td key={scenarios[i].row.id} className="num">{c}</td>
                ))}
                <td className="num" data-testid={`expected-${r.testId}`}>{r.expected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">{t('scn.cmp.expectedNote')}</p>
      <h2 className="sr-only">{t('scn.cmp.charts')}</h2>
      <div className="grid-2">
        <CompareBars locale={locale} title={t('scn.out.hhi')} units={t('scn.cmp.hhiUnits')} axis="hhi" source={source} bars={bars((m) => m.hhi, today?.hhi ?? null, expectation.hhi)} />
        <CompareBars locale={locale} title={t('scn.out.cr4')} units="%" axis="percent" source={source} bars={bars((m) => (m.n ? m.cr4 : null), today?.n ? today.cr4 : null, expectation.cr4)} />
      </div>
    </>
  );
}

export default async function ComparePage({ searchParams }: Props) {
  await requireUser('read');
  const { locale, t } = await getTranslator();
  const params = searchParamsOf(await searchParams);
  const shared = sharedView();
  const { error, chosen, comparison, all: allRows } = await viewData(async () => loadCompare(await getAtlas(), params));
  const all = byKind(allRows);
  const picked = new Set(chosen.map((r) => r.id));
  const hypotheses = [...new Map(all.filter((r) => r.hypothesis_id).map((r) => [String(r.hypothesis_id), (r.hypothesis as { name: string } | null)?.name ?? String(r.hypothesis_id)])).entries()];

  return (
    <>
      <div className="page-head">
        <div>
          {shared ? null : (
            <p className="small">
              <Link href="/scenarios">← {t('detail.back', { collection: getCollection('scenarios').label[locale] })}</Link>
            </p>
          )}
          <h1>{t('scn.cmp.title')}</h1>
          <p>{t('scn.cmp.intro')}</p>
        </div>
        {shared ? null : (
          <div className="toolbar-actions">
            <PinToBoard locale={locale} choices={comparison && !error ? compareChoices(params, locale) : []} />
            <ShareButton locale={locale} title={t('scn.cmp.title')} />
          </div>
        )}
      </div>
      {error ? (
        <p className="error-box" role="alert" data-testid="compare-error">
          {error}
        </p>
      ) : null}
      {comparison ? <ComparisonView comparison={comparison} t={t} locale={locale} /> : !error ? <p className="muted">{t('scn.cmp.pick')}</p> : null}
      {shared ? null : (
      <details className="panel compare-picker" open={!comparison}>
        <summary>{t('scn.cmp.choose')}</summary>
        {hypotheses.length ? (
          <p className="small">
            {hypotheses.map(([id, name]) => (
              <Link key={id} className="btn" href={`/scenarios/compare?hypothesis=${encodeURIComponent(id)}`}>
                {t('scn.cmp.allOf', { name })}
              </Link>
            ))}
          </p>
        ) : null}
        <form method="get" action="/scenarios/compare">
          <fieldset className="pick-scenarios">
            <legend>{t('scn.cmp.scenarios')}</legend>
            {all.map((r) => (
              <label key={r.id}>
                <input type="checkbox" name="ids" value={r.id} defaultChecked={picked.has(r.id)} /> {valueLabel(String(r.kind), locale)} · {localText(r.title, r.title_zh, locale)?.text ?? r.id}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="btn primary" data-testid="compare-submit">
            {t('scn.cmp.submit')}
          </button>
        </form>
      </details>
      )}
    </>
  );
}
