'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ShareLink } from '@/db/shares';
import { formatDateTime, formatNumber } from '@/lib/format';
import { translator, type Locale } from '@/lib/i18n';
import { CopyText } from '../../_components/share/CopyText';
import '../../_components/share/share.css';

interface Props {
  rows: ShareLink[];
  locale: Locale;
  /** Who may revoke: everyone's links ('all'), only this creator's, or none (viewers). */
  canRevoke: 'all' | 'none' | string;
}

export function ShareList({ rows, locale, canRevoke }: Props) {
  const t = translator(locale);
  const router = useRouter();
  const [origin, setOrigin] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);

  const revoke = async (link: ShareLink) => {
    if (!window.confirm(t('share.list.confirm', { title: link.title }))) return;
    setBusy(link.token);
    setMessage(null);
    const response = await fetch(`/api/v1/shares/${encodeURIComponent(link.token)}`, { method: 'DELETE' }).catch(() => null);
    setBusy(null);
    if (response?.ok) return router.refresh();
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setMessage(body?.error?.message ?? `HTTP ${response?.status ?? 'network'}`);
  };

  if (!rows.length) return <p className="muted" data-testid="shares-empty">{t('share.list.empty')}</p>;
  return (
    <>
      {message ? (
        <p className="error-box" role="alert">
          {message}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data shares-table" data-testid="shares-table">
          <thead>
            <tr>
              <th scope="col">{t('share.title')} · {t('share.list.view')}</th>
              <th scope="col">{t('share.list.mode')}</th>
              <th scope="col">
                {t('share.list.created')} · {t('share.list.creator')}
              </th>
              <th scope="col">{t('share.list.expires')}</th>
              <th scope="col">
                {t('share.list.views')} · {t('share.list.lastViewed')}
              </th>
              <th scope="col">{t('share.list.status')}</th>
              <th scope="col">{t('share.list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((link) => (
              <tr key={link.token} data-token={link.token}>
                <td className="share-what">
                  <div>{link.title}</div>
                  <a href={link.path} className="share-path">
                    {link.path}
                  </a>
                </td>
                <td className="nowrap">
                  {link.mode === 'snapshot' ? t('share.cite.snapshot') : t('share.cite.live')}
                  {link.allowCsv ? <> · {t('share.list.csv')}</> : null}
                </td>
                <td>
                  <div className="nowrap">{formatDateTime(link.createdAt)}</div>
                  <div className="small muted">{link.createdBy}</div>
                </td>
                <td className="nowrap">{link.expiresAt ? formatDateTime(link.expiresAt) : t('share.list.never')}</td>
                <td>
                  <div data-testid="share-views">{formatNumber(link.views, locale, 0)}</div>
                  <div className="small muted nowrap">{link.lastViewedAt ? formatDateTime(link.lastViewedAt) : '—'}</div>
                </td>
                <td>
                  <span className={`badge share-status-${link.status}`} data-testid="share-status">
                    {t(`share.status.${link.status}`)}
                  </span>
                </td>
                <td className="nowrap">
                  {link.status === 'active' ? (
                    <>
                      <CopyText text={`${origin}${link.url}`} label={t('share.copy')} done={t('share.copied')} />{' '}
                      <a className="btn" href={`${link.url}/view`}>
                        {t('share.list.open')}
                      </a>{' '}
                      {canRevoke === 'all' || canRevoke === link.createdBy ? (
                        <button type="button" className="btn danger" onClick={() => revoke(link)} disabled={busy !== null} data-testid="share-revoke">
                          {busy === link.token ? t('share.list.revoking') : t('share.list.revoke')}
                        </button>
                      ) : null}
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
