'use client';

import { useId, useState, type DragEvent } from 'react';
import { COLLECTIONS } from '@/lib/collections';
import type { Locale } from '@/lib/collections/types';
import { DELIMITER_NAMES } from '@/lib/csv/detect';
import type { Delimiter } from '@/lib/csv/reader';
import type { Translate } from '@/lib/i18n';
import type { FilePreview } from './preview';

interface FileStepProps {
  locale: Locale;
  t: Translate;
  maxMb: number;
  collectionId: string;
  onCollection: (id: string) => void;
  file: File | null;
  onFile: (file: File) => void;
  preview: FilePreview | null;
  onDelimiter: (delimiter: Delimiter) => void;
}

const LINE_ENDS: Record<string, string> = { '\r\n': 'CRLF', '\n': 'LF', '\r': 'CR' };

export function formatSize(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: unit ? 1 : 0 })} ${units[unit]}`;
}

export function FileStep({ locale, t, maxMb, collectionId, onCollection, file, onFile, preview, onDelimiter }: FileStepProps) {
  const collectionSelect = useId();
  const fileInput = useId();
  const delimiterSelect = useId();
  const [dragging, setDragging] = useState(false);
  const drop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  const delimiterName = (d: Delimiter) => t(`csv.delimiter.${DELIMITER_NAMES[d]}` as 'csv.delimiter.comma');
  return (
    <section className="panel import-step" aria-labelledby="import-step-file">
      <h2 id="import-step-file">{t('csv.step.file')}</h2>
      <div className="import-file-row">
        <div className="form-field">
          <label htmlFor={collectionSelect}>{t('csv.collection')}</label>
          <select id={collectionSelect} value={collectionId} onChange={(e) => onCollection(e.target.value)} data-testid="import-collection">
            {COLLECTIONS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label[locale]}
              </option>
            ))}
          </select>
        </div>
        <label
          htmlFor={fileInput}
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
          data-testid="drop-zone"
        >
          <span className="drop-title">{t('csv.drop')}</span>
          <span className="btn">{t('csv.choose')}</span>
          <span className="muted small">{t('csv.dropHint', { mb: maxMb })}</span>
          <input
            id={fileInput}
            className="sr-only"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
            onChange={(e) => e.target.files?.[0] && onFile(e.target.files[0])}
            data-testid="import-file"
          />
        </label>
      </div>
      {file ? (
        <div className="import-detected" data-testid="import-detected">
          <strong>{t('csv.fileInfo', { name: file.name, size: formatSize(file.size, locale) })}</strong>
          {preview ? (
            <>
              <span className="muted">
                {t('csv.detected', { encoding: preview.encoding.toUpperCase(), delimiter: delimiterName(preview.delimiter), lineEnding: LINE_ENDS[preview.newline] })}
              </span>
              <span className="form-inline">
                <label htmlFor={delimiterSelect}>{t('csv.delimiter')}</label>
                <select id={delimiterSelect} value={preview.delimiter} onChange={(e) => onDelimiter(e.target.value as Delimiter)}>
                  {(Object.keys(DELIMITER_NAMES) as Delimiter[]).map((d) => (
                    <option key={d} value={d}>
                      {delimiterName(d)}
                    </option>
                  ))}
                </select>
              </span>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
