'use client';

import { useRef, useState } from 'react';
import type { Locale } from '@/lib/i18n';
import { translator } from '@/lib/i18n';
import { CopyText } from './CopyText';
import './share.css';

const EXPIRY_DAYS = [0, 1, 7, 30, 90] as const;

/**
 * This page's path and query, with the reader's currency (kept in a cookie by the currency switch) written in
 * when the URL names none: a shared link shows the money as its maker saw it. Only views of one path segment
 * (tables, /concentration) and the dashboard read `currency=`.
 */
function viewPath(): string {
  const url = new URL(window.location.href);
  const chosen = /(?:^|;\s*)atlas_currency=([A-Za-z]{3})(?:;|$)/.exec(document.cookie)?.[1]?.toUpperCase();
  const money = url.pathname === '/' || /^\/[^/]+$/.test(url.pathname);
  if (chosen && chosen !== 'USD' && money && !url.searchParams.has('currency')) url.searchParams.set('currency', chosen);
  return `${url.pathname}${url.search}`;
}

interface Created {
  url: string;
  token: string;
  mode: string;
}

/**
 * "Share" on every shareable view: copy this view's own URL (its whole state is in it), or make a short
 * /s/<token> link that anyone can open read-only — live or a snapshot, with an optional expiry.
 */
export function ShareButton({ locale, title }: { locale: Locale; title: string }) {
  const t = translator(locale);
  const dialog = useRef<HTMLDialogElement>(null);
  const [here, setHere] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const open = () => {
    setHere(new URL(viewPath(), window.location.origin).toString());
    setCreated(null);
    setError(null);
    dialog.current?.showModal();
  };

  const create = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = Number(form.get('expiry') ?? 0);
    setBusy(true);
    setError(null);
    const response = await fetch('/api/v1/shares', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        path: viewPath(),
        title: String(form.get('title') ?? '').trim() || undefined,
        mode: form.get('mode') === 'snapshot' ? 'snapshot' : 'live',
        expiresAt: days ? new Date(Date.now() + days * 86_400_000).toISOString() : null,
        allowCsv: form.get('allowCsv') === 'on',
      }),
    }).catch(() => null);
    setBusy(false);
    const body = (await response?.json().catch(() => null)) as (Created & { error?: { message?: string } }) | null;
    if (!response?.ok || !body) return setError(t('share.error', { message: body?.error?.message ?? (response ? `HTTP ${response.status}` : 'network') }));
    setCreated({ ...body, url: new URL(body.url, window.location.origin).toString() });
  };

  return (
    <>
      <button type="button" className="btn" onClick={open} data-testid="share-open">
        {t('share.button')}
      </button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby="share-dialog-title" data-testid="share-dialog">
        <div className="share-dialog-head">
          <h2 id="share-dialog-title">{t('share.dialog.title')}</h2>
          <button type="button" className="btn" onClick={() => dialog.current?.close()} aria-label={t('share.dialog.close')}>
            ×
          </button>
        </div>
        <label className="share-field">
          <span>{t('share.url.label')}</span>
          <span className="share-copy-row">
            <input readOnly value={here} onFocus={(e) => e.currentTarget.select()} data-testid="share-here" />
            <CopyText text={here} label={t('share.copy')} done={t('share.copied')} />
          </span>
        </label>
        <h3>{t('share.short.heading')}</h3>
        <p className="small muted">{t('share.short.intro')}</p>
        <form onSubmit={create} className="share-form">
          <label className="share-field">
            <span>{t('share.title')}</span>
            <input name="title" defaultValue={title} maxLength={200} required data-testid="share-title" />
          </label>
          <fieldset className="share-field">
            <legend>{t('share.mode')}</legend>
            <label>
              <input type="radio" name="mode" value="live" defaultChecked /> {t('share.mode.live')}
            </label>
            <label>
              <input type="radio" name="mode" value="snapshot" data-testid="share-mode-snapshot" /> {t('share.mode.snapshot')}
            </label>
          </fieldset>
          <label className="share-field">
            <span>{t('share.expiry')}</span>
            <select name="expiry" defaultValue="0" data-testid="share-expiry">
              {EXPIRY_DAYS.map((d) => (
                <option key={d} value={d}>
                  {t(d ? (`share.expiry.${d}` as 'share.expiry.1') : 'share.expiry.never')}
                </option>
              ))}
            </select>
          </label>
          <label className="share-check">
            <input type="checkbox" name="allowCsv" data-testid="share-csv" /> {t('share.allowCsv')}
          </label>
          <button type="submit" className="btn primary" disabled={busy} data-testid="share-create">
            {busy ? t('share.creating') : t('share.create')}
          </button>
        </form>
        {error ? (
          <p className="error-box" role="alert" data-testid="share-error">
            {error}
          </p>
        ) : null}
        {created ? (
          <div className="share-created" role="status" data-testid="share-created">
            <strong>{t('share.created')}</strong>
            <span className="share-copy-row">
              <input readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} aria-label={t('share.created')} data-testid="share-url" />
              <CopyText text={created.url} label={t('share.copy')} done={t('share.copied')} />
            </span>
            <a href="/shares" className="small">
              {t('share.manage')}
            </a>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
