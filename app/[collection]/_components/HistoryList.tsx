'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Locale } from '@/lib/collections/types';
import { translator, type MessageKey } from '@/lib/i18n';
import { useSharedView, ViewLink } from '../../_components/share/SharedView';

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  collection: string;
  rowId: string;
  fields: string[];
}

/** A row's (or the whole app's) change log, each entry with an Undo button. */
export function HistoryList({ entries, locale, showRow = false }: { entries: HistoryEntry[]; locale: Locale; showRow?: boolean }) {
  const t = translator(locale);
  const router = useRouter();
  const shared = useSharedView();
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const undo = async (id: number) => {
    setBusy(id);
    setMessage(null);
    const response = await fetch(`/api/v1/changes/${id}/undo`, { method: 'POST' });
    setBusy(null);
    if (response.ok) {
      setMessage(t('change.undone'));
      router.refresh();
    } else {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setMessage(body?.error?.message ?? `HTTP ${response.status}`);
    }
  };

  if (!entries.length) return <p className="muted">{t('detail.noHistory')}</p>;
  return (
    <>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <ol className="history" data-testid="history">
        {entries.map((entry) => (
          <li key={entry.id}>
            <div>
              <strong>{t(`change.${entry.action}` as MessageKey)}</strong>{' '}
              {showRow ? (
                <ViewLink href={`/${entry.collection}/${encodeURIComponent(entry.rowId)}`} className="mono">
                  {entry.collection}/{entry.rowId}
                </ViewLink>
              ) : null}{' '}
              <span className="muted small">
                <time dateTime={entry.at}>{entry.at.slice(0, 19).replace('T', ' ')}</time> · {t('change.by', { actor: entry.actor })}
              </span>
              {entry.fields.length ? <div className="small muted">{t('change.fields', { fields: entry.fields.join(', ') })}</div> : null}
            </div>
            {shared ? null : <button type="button" className="btn" onClick={() => undo(entry.id)} disabled={busy !== null} data-testid={`undo-${entry.id}`}>
              {t('detail.undo')}
            </button>}
          </li>
        ))}
      </ol>
    </>
  );
}
