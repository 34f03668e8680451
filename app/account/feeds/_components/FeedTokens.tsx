'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

export interface FeedTokenRow {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

interface Labels {
  create: string;
  shownOnce: string;
  none: string;
  revoke: string;
  revoked: string;
  active: string;
  created: string;
}

/** Make an Atom feed address (shown once), list the addresses made (never their tokens), revoke one. */
export function FeedTokens({ rows, labels }: { rows: FeedTokenRow[]; labels: Labels }) {
  const router = useRouter();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setError(null);
    const response = await fetch('/api/v1/feed-tokens', { method: 'POST' }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
    if (!response?.ok || !body?.url) return setError(body?.error?.message ?? `HTTP ${response?.status ?? 'network'}`);
    setUrl(new URL(body.url, window.location.origin).toString());
    router.refresh();
  };
  const revoke = async (id: string) => {
    const response = await fetch(`/api/v1/feed-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }).catch(() => null);
    if (response?.ok) router.refresh();
    else setError(`HTTP ${response?.status ?? 'network'}`);
  };

  return (
    <div className="panel">
      <p>
        <button type="button" className="btn primary" onClick={create} data-testid="feed-create">
          {labels.create}
        </button>
      </p>
      {url ? (
        <p role="status">
          {labels.shownOnce}{' '}
          <input className="mono" readOnly value={url} size={Math.min(url.length, 90)} aria-label={labels.shownOnce} data-testid="feed-url" onFocus={(e) => e.currentTarget.select()} />
        </p>
      ) : null}
      {error ? (
        <p className="error-box" role="alert">
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{labels.none}</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li key={row.id}>
              <span className="mono">{row.id}</span> · {labels.created.replace('{at}', `${row.createdAt.slice(0, 16).replace('T', ' ')} UTC`)} · {row.revokedAt ? labels.revoked : labels.active}{' '}
              {row.revokedAt ? null : (
                <button type="button" className="btn danger" onClick={() => revoke(row.id)}>
                  {labels.revoke}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
