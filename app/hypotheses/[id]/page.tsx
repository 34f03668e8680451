import type { Metadata } from 'next';
import { ViewLink as Link } from '@/app/_components/share/SharedView';
import { notFound } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { getRow } from '@/db/rows';
import { changedFields } from '@/lib/changes';
import { getCollection } from '@/lib/collections';
import { formatNumber } from '@/lib/format';
import { localText } from '@/lib/i18n/content';
import { valueLabel } from '@/lib/i18n/values';
import { LocalizedLink } from '../../_components/EnMarker';
import { byKind } from '@/lib/scenarios/compare';
import { DeleteButton } from '../../[collection]/_components/DeleteButton';
import { HistoryList } from '../../[collection]/_components/HistoryList';
import { requireUser } from '../../_lib/auth';
import { FollowForm } from '../../_components/follow/FollowForm';
import { followLabels } from '../../_lib/follow-labels';
import { followIdOf } from '../../_lib/follows';
import { ShareButton } from '../../_components/share/ShareButton';
import { indicatorChoices } from '../../_components/pin/choices';
import { PinToBoard } from '../../_components/pin/PinToBoard';
import { loadHypothesis } from '../../_views/hypothesis';
import { sharedView, viewData } from '../../_views/shared';
import { getTranslator } from '../../_lib/locale';
import { EvidencePanel } from '../_components/EvidencePanel';
import { ConfidenceChart } from '../_components/HypothesisCharts';
import { IndicatorPanel } from '../_components/IndicatorPanel';
import { milestoneStateOf } from '../../_views/milestones';
import { MilestoneToggle } from '../../_components/events/MilestoneToggle';
import { searchParamsOf, type SearchRecord } from '@/lib/query/view-state';
import '../hypotheses.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams?: Promise<SearchRecord> };
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireUser('read');
  const row = await getRow(await getAtlas(), getCollection('hypotheses'), decodeURIComponent((await params).id));
  return { title: row ? `${String(row.code)} · ${String(row.title)}` : 'Not found' };
}

export default async function HypothesisPage({ params, searchParams }: Props) {
  const viewer = await requireUser('read');
  const id = decodeURIComponent((await params).id);
  const shared = sharedView();
  const query = searchParamsOf((await searchParams) ?? {});
  const milestoneState = milestoneStateOf(query);
  const data = await viewData(async () => loadHypothesis(await getAtlas(), id, milestoneState.view));
  if (!data) notFound();
  const { row, evidence, history, evaluation, scenarios, milestones } = data;
  const { locale, t } = await getTranslator();
  const milestoneToggle = <MilestoneToggle pathname={`/hypotheses/${encodeURIComponent(row.id)}`} params={query} view={milestoneState.view} error={milestoneState.error} locale={locale} />;
  const confidence = [...history].reverse().flatMap((h) => (h.after ? [{ at: h.at, actor: h.actor, confidence: typeof h.after.confidence === 'number' ? h.after.confidence : null }] : []));
  const title = (locale === 'zh' && text(row.title_zh)) || String(row.title);
  const linked = byKind(scenarios.rows);

  return (
    <>
      <div className="page-head">
        <div>
          {shared ? null : (
            <p className="small">
              <Link href="/hypotheses">← {t('detail.back', { collection: getCollection('hypotheses').label[locale] })}</Link>
            </p>
          )}
          <h1 data-testid="detail-title">
            {String(row.code)} · {title}
          </h1>
          <p className="hyp-badges inline-links">
            <span className={`badge status-${String(row.status)}`} data-testid="hyp-status">
              {t('hyp.status')}: {valueLabel(String(row.status), locale)}
            </span>{' '}
            <span className="badge">
              {t('hyp.confidence')}: {row.confidence === null ? t('common.none') : `${formatNumber(Number(row.confidence), locale, 0)}/100`}
            </span>{' '}
            {text(row.scope) ? <span className="badge">{t('hyp.scope')}: {valueLabel(String(row.scope), locale)}</span> : null}
          </p>
        </div>
        {shared ? null : (
          <div className="toolbar-actions">
            <FollowForm kind="hypothesis" target={row.id} followId={await followIdOf(viewer, 'hypothesis', row.id)} labels={await followLabels('other')} back={`/hypotheses/${encodeURIComponent(row.id)}`} hint={t('following.tells.hypothesis')} />
            <PinToBoard locale={locale} choices={evaluation.kind === 'none' ? [] : indicatorChoices(row.id, `${String(row.code)} · ${title}`, locale)} />
            <ShareButton locale={locale} title={`${String(row.code)} · ${title}`} />
            <Link className="btn" href={`/hypotheses/${encodeURIComponent(row.id)}/edit`} data-testid="edit-row">
              {t('detail.edit')}
            </Link>
            <DeleteButton collectionId="hypotheses" id={row.id} locale={locale} />
          </div>
        )}
      </div>

      <section className="panel" aria-labelledby="claim-heading">
        <h2 id="claim-heading">{t('hyp.claim')}</h2>
        <div className="bilingual">
          <div lang="en">
            <h3>{t('hyp.english')}</h3>
            <p className="claim-title">{String(row.title)}</p>
            {text(row.statement) ? <p className="prewrap">{String(row.statement)}</p> : <p className="muted">{t('common.none')}</p>}
          </div>
          <div lang="zh-CN">
            <h3>{t('hyp.chinese')}</h3>
            <p className="claim-title">{text(row.title_zh) ?? t('common.none')}</p>
            {text(row.statement_zh) ? <blockquote className="prewrap original">{String(row.statement_zh)}</blockquote> : <p className="muted">{t('common.none')}</p>}
          </div>
        </div>
        <p className="small">
          <span className="muted">{t('hyp.source')}:</span> {text(row.source) ?? t('common.none')}
        </p>
      </section>

      <IndicatorPanel hypothesisId={row.id} evaluation={evaluation} stored={row.indicator} locale={locale} milestones={milestones ?? null} milestoneToggle={milestoneToggle} />
      <EvidencePanel hypothesisId={row.id} rows={evidence} locale={locale} />

      <div className="detail-grid">
        <section className="panel" aria-labelledby="confidence-heading">
          <h2 id="confidence-heading">{t('hyp.conf.heading')}</h2>
          <ConfidenceChart locale={locale} points={confidence} />
        </section>
        <section className="panel" aria-labelledby="scenarios-heading" data-testid="hyp-scenarios">
          <h2 id="scenarios-heading">
            {t('hyp.scenarios')} <span className="muted small">({linked.length})</span>
          </h2>
          {linked.length ? (
            <>
              <ul className="plain-list">
                {linked.map((s) => (
                  <li key={s.id}>
                    <span className={`badge kind-${String(s.kind)}`}>{valueLabel(String(s.kind), locale)}</span> <LocalizedLink href={`/scenarios/${encodeURIComponent(s.id)}`} text={localText(s.title, s.title_zh, locale)} locale={locale} />{' '}
                    {typeof s.probability === 'number' ? <span className="muted small">{formatNumber(s.probability, locale, 1)}%</span> : null}
                  </li>
                ))}
              </ul>
              {shared ? null : (
                <Link className="btn" href={`/scenarios/compare?hypothesis=${encodeURIComponent(row.id)}`}>
                  {t('scn.compareThese')}
                </Link>
              )}
            </>
          ) : (
            <p className="muted">{t('hyp.noScenarios')}</p>
          )}{' '}
          {shared ? null : (
            <Link className="btn" href="/scenarios/new">
              {t('scn.new')}
            </Link>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('detail.history')}</h2>
        <HistoryList locale={locale} entries={history.map((h) => ({ id: h.id, at: h.at, actor: h.actor, action: h.action, collection: h.collection, rowId: h.rowId, fields: changedFields(h.before, h.after) }))} />
      </section>
    </>
  );
}
