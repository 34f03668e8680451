import type { Metadata } from 'next';
import { ViewLink as Link } from '@/app/_components/share/SharedView';
import { getAtlas } from '@/db/connection';
import { EVENT_KINDS } from '@/lib/collections/events';
import { milestonesSpec, timelineToParams, type TimelineQuery } from '@/lib/events/timeline';
import { specToParams } from '@/lib/query/parse';
import { withMilestoneView, withToggledKind } from '@/lib/events/view';
import { formatNumber } from '@/lib/format';
import { valueLabel } from '@/lib/i18n/values';
import { hrefOf, searchParamsOf, type SearchRecord } from '@/lib/query/view-state';
import { ShareButton } from '../_components/share/ShareButton';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { sharedView, viewData } from '../_views/shared';
import { loadTimeline, type TimelineData } from '../_views/timeline';
import { toMilestone } from '../_views/milestones';
import { KindSwatch, LAYERS } from './_components/kinds';
import { TimelineAxis } from './_components/TimelineAxis';
import { TimelineTable } from './_components/TimelineTable';
import '../_components/chart/chart.css';
import '../_components/events/milestones.css';
import './timeline.css';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('tl.title') };
}

/** The events CSV of the same milestones (every row of the window, oldest first): the list query without paging. */
function milestonesCsvParams(query: TimelineQuery): URLSearchParams {
  const params = specToParams(milestonesSpec(query));
  params.delete('page');
  params.delete('pageSize');
  return params;
}
const kindsHref = (query: TimelineQuery, kinds: TimelineQuery['kinds']) => hrefOf('/timeline', timelineToParams({ ...query, kinds }));
/** The window's bound as typed back into the form: a whole year or month stays short. */
const shortBound = (iso: string | null, side: 'from' | 'to') => {
  if (!iso) return '';
  if (side === 'from' && iso.endsWith('-01-01')) return iso.slice(0, 4);
  if (side === 'to' && iso.endsWith('-12-31')) return iso.slice(0, 4);
  return iso;
};

/** /timeline: every milestone on one time axis with funding per quarter beneath, then the same milestones as a table. */
export default async function TimelinePage({ searchParams }: { searchParams: Promise<SearchRecord> }) {
  await requireUser('read');
  const { locale, t } = await getTranslator();
  const params = searchParamsOf(await searchParams);
  const shared = sharedView();
  const data = await viewData<TimelineData>(async () => loadTimeline(await getAtlas(), params));
  const head = (
    <div className="page-head">
      <div>
        <h1>{t('tl.title')}</h1>
        <p>{t('tl.intro')}</p>
      </div>
      {shared ? null : <ShareButton locale={locale} title={t('tl.title')} />}
    </div>
  );
  if (data.kind === 'error') {
    return (
      <>
        {head}
        <div className="error-box" role="alert" data-testid="timeline-error">
          <p>{t('tl.error', { message: data.message })}</p>
          <Link href="/timeline">{t('tl.reset')}</Link>
        </div>
      </>
    );
  }
  const { query, timeline } = data;
  const milestones = timeline.events.map(toMilestone);
  const rounds = timeline.funding.reduce((n, f) => n + f.rounds, 0);
  const onCharts = hrefOf('/', withMilestoneView(new URLSearchParams(), { kinds: query.kinds }));

  return (
    <>
      {head}
      {shared ? null : (
        <section className="panel timeline-filters" aria-labelledby="timeline-filters">
          <h2 id="timeline-filters" className="sr-only">
            {t('tl.filter')}
          </h2>
          <form method="get" action="/timeline" className="timeline-window">
            <label>
              {t('tl.from')} <input name="from" defaultValue={shortBound(query.from, 'from')} placeholder="2020" size={10} inputMode="numeric" aria-describedby="timeline-dates-hint" />
            </label>
            <label>
              {t('tl.to')} <input name="to" defaultValue={shortBound(query.to, 'to')} placeholder="2025" size={10} inputMode="numeric" aria-describedby="timeline-dates-hint" />
            </label>
            {query.kinds.map((kind) => (
              <input key={kind} type="hidden" name="kind" value={kind} />
            ))}
            <button type="submit" className="btn">
              {t('tl.apply')}
            </button>
            <span id="timeline-dates-hint" className="muted small">
              {t('tl.datesHint')}
            </span>
          </form>
          <nav className="timeline-kinds" aria-label={t('tl.kinds')} data-testid="timeline-kinds">
            <Link href={kindsHref(query, [])} className="milestone-kind" aria-current={query.kinds.length === 0 ? 'true' : undefined}>
              {t('ms.kinds.all')}
            </Link>
            {EVENT_KINDS.map((kind) => (
              <Link key={kind} href={kindsHref(query, withToggledKind({ kinds: query.kinds }, kind).kinds)} className="milestone-kind" aria-current={query.kinds.includes(kind) ? 'true' : undefined} data-testid={`timeline-kind-${kind}`}>
                <KindSwatch kind={kind} /> {valueLabel(kind, locale)}
              </Link>
            ))}
          </nav>
        </section>
      )}
      <section className="panel timeline-panel" aria-labelledby="timeline-axis-heading">
        <h2 id="timeline-axis-heading" className="sr-only">
          {t('tl.title')}
        </h2>
        {milestones.length || timeline.funding.length ? (
          <div className="timeline-scroll" tabIndex={0} role="region" aria-label={t('tl.title')}>
            <TimelineAxis milestones={milestones} funding={timeline.funding} locale={locale} from={query.from} to={query.to} />
          </div>
        ) : null}
        <ul className="chart-legend timeline-legend" aria-label={t('tl.legend.kinds')}>
          {EVENT_KINDS.map((kind) => (
            <li key={kind}>
              <KindSwatch kind={kind} /> {valueLabel(kind, locale)}
            </li>
          ))}
          {LAYERS.map((layer) => (
            <li key={layer.key}>
              <svg width="14" height="12" aria-hidden="true" focusable="false">
                <rect x="0.5" y="0.5" width="13" height="11" fill={layer.color} fillOpacity={layer.pattern ? 0.35 : 1} stroke={layer.color} />
              </svg>{' '}
              {layer.key === 'none' ? t('dash.layer.none') : valueLabel(layer.key, locale)}
            </li>
          ))}
        </ul>
        <p className="chart-source">
          {t('tl.fundingSource', { n: formatNumber(rounds, locale, 0) })}
          {shared ? null : (
            <>
              {' · '}
              <a href={`/api/v1/timeline?${timelineToParams(query)}`}>{t('tl.api')}</a>
              {' · '}
              <a href={`/api/v1/events.csv?${milestonesCsvParams(query)}`} data-testid="timeline-csv">
                {t('tl.csv')}
              </a>
              {' · '}
              <Link href={onCharts}>{t('tl.onCharts')}</Link>
            </>
          )}
        </p>
      </section>
      <section className="panel" aria-labelledby="timeline-table-heading">
        <h2 id="timeline-table-heading">{t('tl.table', { n: formatNumber(timeline.total, locale, 0) })}</h2>
        {timeline.total > timeline.events.length ? <p className="muted">{t('tl.truncated', { shown: timeline.events.length, n: timeline.total })}</p> : null}
        {timeline.events.length ? <TimelineTable rows={timeline.events} locale={locale} /> : <p className="empty" data-testid="timeline-empty">{t('tl.empty')}</p>}
      </section>
    </>
  );
}
