'use client';

import Papa from 'papaparse';
import { findCollection } from '@/lib/collections';
import type { Locale } from '@/lib/collections/types';
import type { ImportResult, Rejection } from '@/lib/csv/import-types';
import { neutralise } from '@/lib/csv/neutralise';
import type { MessageKey, Translate } from '@/lib/i18n';

interface ResultPanelProps {
  locale: Locale;
  t: Translate;
  result: ImportResult;
  /** 422: rejected rows under onError=abort, nothing written. */
  aborted: boolean;
  collectionId: string;
  /** A line under the headline (an import job's file and id). */
  caption?: string;
}

const SHOWN = 200;

/** A rejection in the UI's language (the API's English message when the code is not in the catalog). */
function reasonText(t: Translate, rejection: Rejection): string {
  const key = `csv.reason.${rejection.code}` as MessageKey;
  const text = t(key, rejection.params);
  return text === key ? rejection.message : text;
}

/** The rejections as a CSV file (UTF-8 with BOM, CRLF, cells neutralised like every export). */
function downloadRejections(t: Translate, rejections: Rejection[], name: string): void {
  const rows = rejections.map((r) => [String(r.line), r.column ?? '', neutralise(r.value ?? ''), neutralise(reasonText(t, r))]);
  const text = `\uFEFF${Papa.unparse({ fields: ['line', 'column', 'value', 'message'], data: rows }, { newline: '\r\n' })}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ResultPanel({ locale, t, result, aborted, collectionId, caption }: ResultPanelProps) {
  const number = (n: number) => n.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  const columns = findCollection(collectionId)?.columns ?? [];
  const columnLabel = (id: string) => columns.find((c) => c.id === id)?.label[locale] ?? id;
  const headline = result.dryRun
    ? t('csv.result.dry')
    : aborted
      ? t('csv.result.aborted', { n: number(result.rejectedRows) })
      : result.batchId
        ? t('csv.result.done', { batch: result.batchId })
        : t('csv.result.nothing');
  const tiles = [
    { key: 'inserted', label: t('csv.inserted'), value: result.inserted },
    { key: 'updated', label: t('csv.updated'), value: result.updated },
    { key: 'unchanged', label: t('csv.unchanged'), value: result.unchanged },
    { key: 'rejected', label: t('csv.rejected'), value: result.rejectedRows },
  ];
  return (
    <section className="panel import-result" aria-live="polite" data-testid="import-result" data-dry-run={result.dryRun ? '1' : '0'}>
      <p className={aborted ? 'error-box' : 'notice'} role={aborted ? 'alert' : 'status'}>
        {headline}
      </p>
      {caption ? <p className="muted small">{caption}</p> : null}
      <div className="tiles import-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className={`tile tile-${tile.key}`} data-testid={`count-${tile.key}`}>
            <div className="tile-label">{tile.label}</div>
            <div className="tile-value">{number(tile.value)}</div>
          </div>
        ))}
      </div>
      {result.investorsCreated ? <p className="muted small">{t('csv.investorsCreated', { n: number(result.investorsCreated) })}</p> : null}
      {result.rejected.length ? (
        <>
          <div className="panel-head">
            <h3>{t('csv.rejections')}</h3>
            <button type="button" className="btn" onClick={() => downloadRejections(t, result.rejected, `${collectionId}-rejected.csv`)} data-testid="download-rejections">
              {t('csv.download')}
            </button>
          </div>
          {result.rejected.length > SHOWN || result.rejectedTruncated ? (
            <p className="muted small">{t('csv.rejectionsMore', { shown: number(Math.min(SHOWN, result.rejected.length)), total: number(result.rejected.length) })}</p>
          ) : null}
          <div className="table-scroll">
            <table className="data rejections" data-testid="rejections">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('csv.line')}</th>
                  <th scope="col">{t('csv.column')}</th>
                  <th scope="col">{t('csv.value')}</th>
                  <th scope="col">{t('csv.message')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.slice(0, SHOWN).map((r, i) => (
                  <tr key={i}>
                    <td className="num">{r.line}</td>
                    <td>
                      {r.column ? (
                        <>
                          {columnLabel(r.column)} <span className="mono muted small">{r.column}</span>
                        </>
                      ) : (
                        <span className="muted">{t('csv.wholeRow')}</span>
                      )}
                    </td>
                    <td className="mono rejection-value">{r.value}</td>
                    <td>{reasonText(t, r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
