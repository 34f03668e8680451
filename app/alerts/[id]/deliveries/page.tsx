import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment } from 'react';
import { notFound } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { deliveryLog, visibleAlertRule, type DeliveryLogEntry } from '@/db/deliveries';
import { MAX_TRIES } from '@/lib/alerts/delivery-format';
import { readEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import type { Translate } from '@/lib/i18n';
import { requireUser, restrictionOf } from '../../../_lib/auth';
import { getTranslator } from '../../../_lib/locale';
import { TestDeliveryButton } from './_components/TestDeliveryButton';
import './deliveries.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alert deliveries' };

/** To the second, in UTC: attempts of one delivery are often seconds apart. */
const when = (iso: string | null) => (iso ? `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC` : '—');
const duration = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

function StateBadge({ state, t }: { state: DeliveryLogEntry['state']; t: Translate }) {
  return <span className={`badge delivery-${state}`}>{t(`deliveries.state.${state}`)}</span>;
}

/** A delivery's attempts, newest first, on a row of their own under it (folded away until opened). */
function Attempts({ entry, t }: { entry: DeliveryLogEntry; t: Translate }) {
  if (entry.attemptLog.length === 0) return null;
  return (
    <tr className="delivery-attempts-row">
      <td colSpan={7}>
        <details className="delivery-attempts">
          <summary>{t('deliveries.attempts', { n: entry.attemptLog.length })}</summary>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('deliveries.attempt.at')}</th>
                <th scope="col">{t('deliveries.attempt.status')}</th>
                <th scope="col">{t('deliveries.attempt.duration')}</th>
                <th scope="col">{t('deliveries.attempt.error')}</th>
              </tr>
            </thead>
            <tbody>
              {entry.attemptLog.map((a, i) => (
                <tr key={i}>
                  <td className="nowrap">{when(a.at)}</td>
                  <td>{a.status ?? t('deliveries.noStatus')}</td>
                  <td className="num nowrap">{a.durationMs === null ? '—' : `${a.durationMs} ms`}</td>
                  <td className={a.error ? 'delivery-error' : undefined}>{a.error ?? t('deliveries.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </td>
    </tr>
  );
}

/** The delivery log of one alert rule: each webhook and email delivery with its attempts, and a test button. */
export default async function DeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireUser('read');
  const { id } = await params;
  const { locale, t } = await getTranslator();
  const atlas = await getAtlas();
  const rule = await visibleAlertRule(atlas, id, restrictionOf(viewer)).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  });
  const entries = await deliveryLog(atlas, rule.id, { limit: 200 });
  const path = `/alerts/${encodeURIComponent(rule.id)}/deliveries`;
  return (
    <>
      <p className="small">
        <Link href="/alerts">← {t('deliveries.back')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t('deliveries.title', { title: rule.title })}</h1>
          <p>{t('deliveries.intro', { base: duration(readEnv().ATLAS_WEBHOOK_RETRY_MS), tries: MAX_TRIES })}</p>
        </div>
      </div>
      {rule.failing === 1 ? (
        <p className="error-box" role="status" data-testid="delivery-failing">
          {t('deliveries.failing', { tries: MAX_TRIES })}
        </p>
      ) : null}
      {rule.active === 1 ? null : <p className="notice">{t('deliveries.inactive')}</p>}
      <div className="delivery-actions">
        {viewer.mode === 'shared' ? null : (
          <TestDeliveryButton
            alertId={rule.id}
            labels={{
              button: t('deliveries.test'),
              busy: t('deliveries.testing'),
              queued: t('deliveries.testQueued', { n: '{n}' }),
              none: t('deliveries.testNone'),
              failed: t('deliveries.testFailed', { message: '{message}' }),
            }}
          />
        )}
        <Link className="btn" href={path} prefetch={false}>
          {t('deliveries.refresh')}
        </Link>
      </div>
      <p className="muted">{t('deliveries.setupNote')}</p>
      {entries.length === 0 ? (
        <p className="muted" data-testid="deliveries-empty">
          {t('deliveries.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data deliveries-table" data-testid="deliveries-table">
            <caption className="sr-only">{t('deliveries.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deliveries.col.created')}</th>
                <th scope="col">{t('deliveries.col.event')}</th>
                <th scope="col">{t('deliveries.col.channel')}</th>
                <th scope="col">{t('deliveries.col.state')}</th>
                <th scope="col">{t('deliveries.col.attempts')}</th>
                <th scope="col">{t('deliveries.col.status')}</th>
                <th scope="col">{t('deliveries.col.next')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <Fragment key={entry.id}>
                  <tr data-delivery={entry.id}>
                    <td className="nowrap">{when(entry.createdAt)}</td>
                    <td>
                      {entry.event ? (
                        <>
                          {entry.event.kind === 'test' ? <span className="badge">{t('deliveries.kind.test')}</span> : null}{' '}
                          {entry.event.url?.startsWith('/') ? (
                            <Link href={entry.event.url} prefetch={false}>
                              {locale === 'zh' ? (entry.event.summaryZh ?? entry.event.summary) : entry.event.summary}
                            </Link>
                          ) : locale === 'zh' ? (
                            (entry.event.summaryZh ?? entry.event.summary)
                          ) : (
                            entry.event.summary
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                      <div className="delivery-id">
                        {t('deliveries.col.id')}: <code>{entry.id}</code>
                      </div>
                    </td>
                    <td>{t(`deliveries.channel.${entry.channel}`)}</td>
                    <td>
                      <StateBadge state={entry.state} t={t} />
                      {entry.sentAt ? <div className="muted small">{t('deliveries.sentAt', { at: when(entry.sentAt) })}</div> : null}
                    </td>
                    <td className="num">
                      {entry.attempts} / {MAX_TRIES}
                    </td>
                    <td>
                      {entry.lastStatus ?? (entry.attempts > 0 ? t('deliveries.noStatus') : '—')}
                      {entry.lastError ? <div className="delivery-error delivery-last-error small">{entry.lastError}</div> : null}
                    </td>
                    <td className="nowrap">{when(entry.nextAttemptAt)}</td>
                  </tr>
                  <Attempts entry={entry} t={t} />
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
