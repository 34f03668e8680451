'use client';

import { useCallback, useEffect, useState } from 'react';
import type { Locale } from '@/lib/collections/types';
import { findCollection } from '@/lib/collections';
import type { ImportBatch } from '@/lib/csv/import-types';
import type { Translate } from '@/lib/i18n';

interface ImportHistoryProps {
  locale: Locale;
  t: Translate;
  /** Changes whenever an import was committed, to reload the list. */
  version: number;
}

type Notice = { kind: 'ok' | 'error'; text: string } | null;

export function ImportHistory({ locale, t, version }: ImportHistoryProps) {
  const [batches, setBatches] = useState<ImportBatch[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });

  const load = useCallback(async () => {
    const response = await fetch('/api/v1/imports', { cache: 'no-store' });
    if (response.ok) setBatches(((await response.json()) as { rows: ImportBatch[] }).rows);
  }, []);

  useEffect(() => {
    void load();
  }, [load, version]);

  const undo = async (batch: ImportBatch) => {
    setBusy(batch.id);
    setNotice(null);
    const response = await fetch(`/api/v1/imports/${batch.id}/undo`, { method: 'POST' });
    const body = (await response.json().catch(() => null)) as { error?: { message: string } } | null;
    setNotice(response.ok ? { kind: 'ok', text: t('csv.undoDone', { batch: batch.id }) } : { kind: 'error', text: t('csv.undoFailed', { message: body?.error?.message ?? `HTTP ${response.status}` }) });
    setBusy(null);
    await load();
  };

  return (
    <section className="panel" aria-labelledby="import-history">
      <div className="panel-head">
        <h2 id="import-history">{t('csv.history')}</h2>
        <button type="button" className="btn" onClick={() => void load()}>
          {t('csv.refresh')}
        </button>
      </div>
      {notice ? (
        <p className={notice.kind === 'ok' ? 'notice' : 'error-box'} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid="undo-notice">
          {notice.text}
        </p>
      ) : null}
      {batches && batches.length === 0 ? <p className="empty">{t('csv.historyEmpty')}</p> : null}
      {batches && batches.length ? (
        <div className="table-scroll">
          <table className="data import-history" data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">{t('csv.when')}</th>
                <th scope="col">{t('csv.collection')}</th>
                <th scope="col">{t('csv.file')}</th>
                <th scope="col" className="num">{t('csv.counts')}</th>
                <th scope="col">{t('csv.status')}</th>
                <th scope="col"><span className="sr-only">{t('csv.undo')}</span></th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-batch={b.id}>
                  <td className="nowrap">
                    {when(b.at)}
                    <div className="mono muted small">{b.id}</div>
                  </td>
                  <td>{findCollection(b.collection)?.label[locale] ?? b.collection}</td>
                  <td className="mono">{b.filename ?? '—'}</td>
                  <td className="num">{[b.inserted, b.updated, b.unchanged, b.rejected].map((n) => n.toLocaleString()).join(' / ')}</td>
                  <td>{b.undoneAt ? <span className="badge">{t('csv.undone', { when: when(b.undoneAt) })}</span> : <span className="badge lead">{t('csv.active')}</span>}</td>
                  <td>
                    {b.undoneAt ? null : (
                      <button type="button" className="btn danger" disabled={busy !== null} onClick={() => void undo(b)} aria-label={t('csv.undoBatch', { batch: b.id })}>
                        {t('csv.undo')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
