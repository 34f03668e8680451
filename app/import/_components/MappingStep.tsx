'use client';

import type { Collection, Locale } from '@/lib/collections/types';
import { importableColumns } from '@/lib/csv/mapping';
import type { Translate } from '@/lib/i18n';
import { duplicateTargets, type FilePreview, type Mapping, type MatchKind } from './preview';

interface MappingStepProps {
  collection: Collection;
  locale: Locale;
  t: Translate;
  preview: FilePreview;
  mapping: Mapping;
  onMap: (header: string, column: string | null) => void;
}

const KIND_KEYS: Record<MatchKind, 'csv.match.auto' | 'csv.match.manual' | 'csv.match.none' | 'csv.match.readOnly'> = {
  auto: 'csv.match.auto',
  manual: 'csv.match.manual',
  none: 'csv.match.none',
  readOnly: 'csv.match.readOnly',
};

/** A cell as it shows in the preview: line breaks and tabs made visible, long text cut. */
const shown = (cell: string | undefined) => (cell ?? '').replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, '→').slice(0, 80);

export function MappingStep({ collection, locale, t, preview, mapping, onMap }: MappingStepProps) {
  const twice = duplicateTargets(mapping.map);
  const columns = importableColumns(collection);
  const labelOf = (id: string) => collection.columns.find((c) => c.id === id)?.label[locale] ?? id;
  const nothing = Object.values(mapping.map).every((v) => v === null);
  return (
    <section className="panel import-step" aria-labelledby="import-step-map">
      <h2 id="import-step-map">{t('csv.step.map')}</h2>
      <p className="muted small">{t('csv.mapIntro', { collection: collection.label[locale] })}</p>
      {twice.map((id) => (
        <p key={id} className="error-box" role="alert">
          {t('csv.mapTwice', { column: labelOf(id) })}
        </p>
      ))}
      {nothing ? (
        <p className="error-box" role="alert">
          {t('csv.mapNothing', { collection: collection.label[locale] })}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data mapping-table" data-testid="mapping-table">
          <thead>
            <tr>
              <th scope="col">{t('csv.fileColumn')}</th>
              <th scope="col">{t('csv.target')}</th>
              <th scope="col">{t('csv.sample')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((header, i) => {
              const target = mapping.map[header] ?? null;
              const kind = target !== null && twice.includes(target) ? null : mapping.kinds[header];
              return (
                <tr key={`${i}-${header}`} data-header={header}>
                  <th scope="row" className="mono">
                    {header || <span className="muted">({i + 1})</span>}
                  </th>
                  <td>
                    <div className="map-cell">
                      <select aria-label={`${t('csv.target')}: ${header}`} value={target ?? ''} onChange={(e) => onMap(header, e.target.value || null)}>
                        <option value="">{t('csv.ignore')}</option>
                        {columns.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.label[locale]} ({c.id})
                          </option>
                        ))}
                      </select>
                      <span className={`badge match-${kind ?? 'twice'}`}>{kind ? t(KIND_KEYS[kind]) : t('csv.match.twice')}</span>
                    </div>
                  </td>
                  <td className="muted sample-cell">{preview.rows.slice(0, 3).map((row) => shown(row[i])).filter(Boolean).join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <details className="preview-details">
        <summary>{t('csv.preview')}</summary>
        <div className="table-scroll">
          <table className="data preview-table" data-testid="preview-table">
            <caption className="sr-only">{t('csv.previewCaption', { n: preview.rows.length })}</caption>
            <thead>
              <tr>
                {preview.headers.map((header, i) => (
                  <th key={`${i}-${header}`} scope="col">
                    <span className="mono">{header}</span>
                    <span className="preview-target">{mapping.map[header] ? `→ ${labelOf(mapping.map[header] as string)}` : t('csv.ignore')}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row, r) => (
                <tr key={r}>
                  {preview.headers.map((_, i) => (
                    <td key={i}>{shown(row[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
