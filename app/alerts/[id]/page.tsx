import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { isVisible } from '@/db/ownership';
import { getRow } from '@/db/rows';
import type { AlertChannels } from '@/lib/alerts/rule';
import { getCollection } from '@/lib/collections';
import { formatDateTime } from '@/lib/format';
import { valueLabel } from '@/lib/i18n/values';
import { DeleteButton } from '../../[collection]/_components/DeleteButton';
import { requireUser, restrictionOf } from '../../_lib/auth';
import { getTranslator } from '../../_lib/locale';
import { channelNames, watchesOf } from '../_components/rule-words';
import '../alerts.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alert rule' };

const RECENT = 20;

/** One rule: what it watches, how it tells, its recent events; links to its editor and its delivery log. */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireUser('read');
  const alerts = getCollection('alerts');
  const atlas = await getAtlas();
  const row = await getRow(atlas, alerts, decodeURIComponent((await params).id));
  if (!row || !isVisible(alerts, row, restrictionOf(viewer))) notFound();
  const { locale, t } = await getTranslator();
  const channels = row.channels as AlertChannels;
  const events = await atlas.db.selectFrom('notifications').select(['id', 'at', 'summary', 'summary_zh', 'url']).where('alert_id', '=', row.id).orderBy('id', 'desc').limit(RECENT).execute();
  const fields: [string, ReactNode][] = [
    [t('rules.col.kind'), valueLabel(String(row.kind), locale)],
    [t('rules.col.watches'), <span className="mono" key="w">{watchesOf(row)}</span>],
    ...(row.kind === 'metric' ? ([[t('rules.f.direction'), `${valueLabel(String(row.direction), locale)} ${String(row.threshold)}`]] as [string, string][]) : []),
    [t('rules.col.channels'), [...channelNames(channels).map((c) => (c === 'webhook' ? `webhook ${channels.webhook?.url ?? ''}` : c === 'email' ? `email ${channels.email ?? ''}` : t('rules.f.inbox')))].join(' · ')],
    [t('rules.col.state'), Number(row.active) === 1 ? t('rules.state.active') : t('rules.state.paused')],
    [t('rules.col.updated'), formatDateTime(String(row.updated_at))],
  ];
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small">
            <Link href="/alerts">← {t('rules.title')}</Link>
          </p>
          <h1 data-testid="detail-title">{String(row.title)}</h1>
          {Number(row.failing) === 1 ? (
            <p className="error-box" role="status">
              {t('rules.failing')}
            </p>
          ) : null}
        </div>
        <div className="toolbar-actions">
          {channels.webhook || channels.email ? (
            <Link className="btn" href={`/alerts/${encodeURIComponent(row.id)}/deliveries`} title={t('rules.deliveriesHint')} data-testid="alert-deliveries">
              {t('rules.deliveries')}
            </Link>
          ) : null}
          <Link className="btn" href={`/alerts/${encodeURIComponent(row.id)}/edit`} data-testid="edit-alert">
            {t('rules.edit')}
          </Link>
          <DeleteButton collectionId="alerts" id={row.id} locale={locale} />
        </div>
      </div>
      <section className="panel" aria-labelledby="rule-fields">
        <h2 id="rule-fields" className="sr-only">
          {t('rules.title')}
        </h2>
        <dl className="fields">
          {fields.map(([label, value]) => (
            <div className="field" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="rule-events">
        <h2 id="rule-events">{t('rules.recent')}</h2>
        {events.length === 0 ? (
          <p className="muted">{t('rules.noEvents')}</p>
        ) : (
          <ul className="news-list">
            {events.map((e) => (
              <li key={e.id}>
                {e.url ? <Link href={e.url}>{(locale === 'zh' && e.summary_zh) || e.summary}</Link> : (locale === 'zh' && e.summary_zh) || e.summary}{' '}
                <time className="small muted" dateTime={e.at}>
                  {formatDateTime(e.at)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
