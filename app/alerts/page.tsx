import type { Metadata } from 'next';
import Link from 'next/link';
import { getAtlas } from '@/db/connection';
import { listRows } from '@/db/rows';
import type { AlertChannels } from '@/lib/alerts/rule';
import { channelNames, watchesOf } from './_components/rule-words';
import { getCollection } from '@/lib/collections';
import { formatDateTime } from '@/lib/format';
import { valueLabel } from '@/lib/i18n/values';
import { parseQuery } from '@/lib/query/parse';
import { requireUser, restrictionOf } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import './alerts.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alert rules' };

/** The viewer's alert rules (everyone's for an admin), newest change first. */
export default async function AlertsPage() {
  const viewer = await requireUser('read');
  const { locale, t } = await getTranslator();
  const spec = { ...parseQuery(getCollection('alerts'), new URLSearchParams({ pageSize: '500' })), visibleTo: restrictionOf(viewer) };
  const { rows } = await listRows(await getAtlas(), spec);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('rules.title')}</h1>
          <p>{t('rules.intro')}</p>
        </div>
        <div className="toolbar-actions">
          <Link className="btn primary" href="/alerts/new" data-testid="new-alert">
            {t('rules.new')}
          </Link>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          {t('rules.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="alerts-table">
            <thead>
              <tr>
                <th scope="col">{t('rules.col.title')}</th>
                <th scope="col">{t('rules.col.kind')}</th>
                <th scope="col">{t('rules.col.watches')}</th>
                <th scope="col">{t('rules.col.channels')}</th>
                <th scope="col">{t('rules.col.state')}</th>
                <th scope="col">{t('rules.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link href={`/alerts/${encodeURIComponent(row.id)}`}>{String(row.title)}</Link>
                  </td>
                  <td className="nowrap">{valueLabel(String(row.kind), locale)}</td>
                  <td className="mono small alert-watch">{watchesOf(row)}</td>
                  <td className="small">{channelNames(row.channels as AlertChannels).join(', ')}</td>
                  <td className="nowrap">
                    {Number(row.failing) === 1 ? <span className="badge alert-failing">{t('rules.state.failing')}</span> : Number(row.active) === 1 ? t('rules.state.active') : t('rules.state.paused')}
                  </td>
                  <td className="nowrap small">{formatDateTime(String(row.updated_at))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
