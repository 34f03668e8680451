'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Locale } from '@/lib/collections/types';
import { translator } from '@/lib/i18n';
import { send } from '../../../_components/auth/api';

export interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : null);

/** Create a token (shown once), list the caller's tokens, revoke one. */
export function TokenManager({ locale, tokens }: { locale: Locale; tokens: TokenRow[] }) {
  const t = translator(locale);
  const router = useRouter();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const reply = await send<{ name: string; token: string }>('POST', '/api/v1/tokens', { name });
    setBusy(false);
    if (!reply.ok || !reply.data) return setError(t('auth.error', { message: reply.message }));
    setCreated({ name: reply.data.name, token: reply.data.token });
    setCopied(false);
    setName('');
    router.refresh();
  };

  const revoke = async (token: TokenRow) => {
    if (!window.confirm(t('auth.tokens.revokeConfirm', { name: token.name }))) return;
    setError(null);
    const reply = await send('DELETE', `/api/v1/tokens/${encodeURIComponent(token.id)}`);
    if (!reply.ok) return setError(t('auth.error', { message: reply.message }));
    router.refresh();
  };

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.token).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <>
      <section className="panel" aria-labelledby="token-new">
        <h2 id="token-new">{t('auth.tokens.new')}</h2>
        <form className="inline-form" onSubmit={create} data-testid="token-form">
          <div className="form-field">
            <label htmlFor="token-name">{t('auth.tokens.name')}</label>
            <input id="token-name" required maxLength={100} placeholder={t('auth.tokens.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <button type="submit" className="btn primary" disabled={busy || !name.trim()} data-testid="token-create">
            {busy ? t('auth.tokens.creating') : t('auth.tokens.create')}
          </button>
        </form>
        {created ? (
          <div className="notice secret-box" role="status" data-testid="token-created">
            <span>{t('auth.tokens.created')}</span>
            <code data-testid="token-secret">{created.token}</code>
            <button type="button" className="btn" onClick={copy}>
              {copied ? t('auth.tokens.copied') : t('auth.tokens.copy')}
            </button>
          </div>
        ) : null}
        {error ? (
          <p className="error-box" role="alert">
            {error}
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="token-list">
        <h2 id="token-list">{t('auth.tokens.yours')}</h2>
        {tokens.length ? (
          <div className="table-scroll">
            <table className="data admin-table" data-testid="token-table">
              <thead>
                <tr>
                  <th scope="col">{t('auth.tokens.name')}</th>
                  <th scope="col">{t('auth.tokens.createdAt')}</th>
                  <th scope="col">{t('auth.tokens.lastUsed')}</th>
                  <th scope="col">{t('auth.tokens.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('auth.users.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id} data-token-id={token.id}>
                    <td>{token.name}</td>
                    <td className="mono small">{when(token.createdAt)}</td>
                    <td className="mono small">{when(token.lastUsedAt) ?? t('auth.tokens.never')}</td>
                    <td className={token.revokedAt ? 'status-off' : 'status-ok'}>
                      {token.revokedAt ? `${t('auth.tokens.revoked')} ${when(token.revokedAt)}` : t('auth.tokens.active')}
                    </td>
                    <td>
                      {token.revokedAt ? null : (
                        <button type="button" className="btn danger" onClick={() => revoke(token)} aria-label={t('auth.tokens.revokeName', { name: token.name })}>
                          {t('auth.tokens.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('auth.tokens.none')}</p>
        )}
      </section>
    </>
  );
}
