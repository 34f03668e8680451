'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Locale } from '@/lib/collections/types';
import { translator } from '@/lib/i18n';

/** Delete a row; afterwards offer Undo, which restores it from the change log. */
export function DeleteButton({ collectionId, id, locale }: { collectionId: string; id: string; locale: Locale }) {
  const t = translator(locale);
  const router = useRouter();
  const [state, setState] = useState<'idle' | 'busy' | 'deleted'>('idle');
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/${collectionId}/${encodeURIComponent(id)}`;

  const remove = async () => {
    if (!window.confirm(t('detail.deleteConfirm'))) return;
    setState('busy');
    setError(null);
    const response = await fetch(base, { method: 'DELETE' });
    if (response.status === 204) return setState('deleted');
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    setError(body?.error?.message ?? `HTTP ${response.status}`);
    setState('idle');
  };

  const undo = async () => {
    setState('busy');
    const history = (await (await fetch(`${base}/history`)).json()) as { rows: { id: number; action: string }[] };
    const deletion = history.rows.find((r) => r.action === 'delete');
    if (deletion) await fetch(`/api/v1/changes/${deletion.id}/undo`, { method: 'POST' });
    setState('idle');
    router.refresh();
  };

  if (state === 'deleted') {
    return (
      <div className="notice" role="status" data-testid="deleted-notice">
        {t('detail.deleted')}{' '}
        <button type="button" className="btn" onClick={undo}>
          {t('detail.undo')}
        </button>{' '}
        <a href={`/${collectionId}`}>{t('detail.back', { collection: collectionId })}</a>
      </div>
    );
  }
  return (
    <>
      <button type="button" className="btn danger" onClick={remove} disabled={state === 'busy'} data-testid="delete-row">
        {t('detail.delete')}
      </button>
      {error ? (
        <p className="error-box" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
