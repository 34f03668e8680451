'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import './follow.css';

export interface FollowLabels {
  follow: string;
  following: string;
  unfollow: string;
  error: string;
}

interface Props {
  kind: 'company' | 'investor' | 'view' | 'hypothesis' | 'board';
  target: string;
  /** The viewer's follow of it, or null. */
  followId: string | null;
  labels: FollowLabels;
  hint?: string;
}

/** Follow or unfollow one thing (POST / DELETE /api/v1/follows), then refresh the page's server data. */
export function FollowButton({ kind, target, followId, labels, hint }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState(false);

  const toggle = async () => {
    setBusy(true);
    setError(null);
    const response = await fetch(followId ? `/api/v1/follows/${encodeURIComponent(followId)}` : '/api/v1/follows', {
      method: followId ? 'DELETE' : 'POST',
      headers: followId ? {} : { 'content-type': 'application/json' },
      body: followId ? undefined : JSON.stringify({ kind, target }),
    }).catch(() => null);
    setBusy(false);
    if (response?.ok) return router.refresh();
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setError(labels.error.replace('{message}', body?.error?.message ?? `HTTP ${response?.status ?? 'network'}`));
  };

  return (
    <span className="follow">
      <button
        type="button"
        className={followId ? 'btn follow-on' : 'btn'}
        aria-pressed={followId !== null}
        disabled={busy}
        title={hint}
        data-testid={`follow-${kind}`}
        onClick={toggle}
        onMouseEnter={() => setHover(true)}
        onMouseLeave={() => setHover(false)}
      >
        <span aria-hidden="true">{followId ? '★' : '☆'}</span> {followId ? (hover ? labels.unfollow : labels.following) : labels.follow}
      </button>
      {error ? (
        <span className="follow-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
