'use client';

import { useId, useMemo, useState } from 'react';
import { findCollection, getCollection } from '@/lib/collections';
import type { Locale } from '@/lib/collections/types';
import { hasParticipants } from '@/lib/csv/compare';
import { DELIMITER_NAMES } from '@/lib/csv/detect';
import type { ImportJob, ImportMode, ImportResult, OnError } from '@/lib/csv/import-types';
import type { Delimiter } from '@/lib/csv/reader';
import { translator } from '@/lib/i18n';
import { FileStep } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { JobProgress } from './JobProgress';
import { JobOutcome } from './JobOutcome';
import { MappingStep } from './MappingStep';
import { duplicateTargets, proposeMapping, readPreview, type FilePreview, type Mapping } from './preview';
import { ResultPanel } from './ResultPanel';
import { uploadCsv } from './upload';
import { useJob } from './useJob';

type Progress = { fraction: number | null } | null;
type Outcome = { result: ImportResult; aborted: boolean } | null;

interface ImportWorkbenchProps {
  locale: Locale;
  maxMb: number;
  initialCollection: string;
  /** The job named by the page's `?job=` (a reload while it runs, or after): followed from the start. */
  initialJob: ImportJob | null;
  /** `?job=` named a job that does not exist (or is not this user's). */
  jobLost: boolean;
}

export function ImportWorkbench({ locale, maxMb, initialCollection, initialJob, jobLost }: ImportWorkbenchProps) {
  const t = useMemo(() => translator(locale), [locale]);
  const first = initialJob?.collection ?? initialCollection;
  const [collectionId, setCollectionId] = useState(findCollection(first) ? first : 'companies');
  const collection = getCollection(collectionId);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({ map: {}, kinds: {} });
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [onError, setOnError] = useState<OnError>('abort');
  const [createMissing, setCreateMissing] = useState(false);
  const [progress, setProgress] = useState<Progress>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const ids = { mode: useId(), onError: useId(), create: useId() };
  const followed = useJob(initialJob, jobLost);
  const job = followed.job;
  const [seenEnd, setSeenEnd] = useState<string | null>(initialJob && initialJob.state !== 'running' ? initialJob.id : null);
  // A job that ended while this page followed it may have written a batch: reload the history once.
  if (job && job.state !== 'running' && seenEnd !== job.id) {
    setSeenEnd(job.id);
    if (job.result?.batchId) setVersion((v) => v + 1);
  }

  const load = async (next: File, delimiter: Delimiter | null, target = collectionId) => {
    setFile(next);
    setOutcome(null);
    setError(null);
    try {
      const read = await readPreview(next, delimiter);
      if (read.headers.length === 0) throw new Error(t('csv.noHeader'));
      setPreview(read);
      setMapping(proposeMapping(getCollection(target), read.headers));
    } catch (reason) {
      setPreview(null);
      setError(t('csv.readError', { message: reason instanceof Error ? reason.message : String(reason) }));
    }
  };

  const chooseCollection = (id: string) => {
    setCollectionId(id);
    setOutcome(null);
    if (preview) setMapping(proposeMapping(getCollection(id), preview.headers));
  };

  const map = (header: string, column: string | null) =>
    setMapping((m) => ({ map: { ...m.map, [header]: column }, kinds: { ...m.kinds, [header]: column === null ? 'none' : 'manual' } }));

  const run = async (dryRun: boolean) => {
    if (!file || !preview) return;
    const params = new URLSearchParams({ mode, onError, map: JSON.stringify(mapping.map), encoding: preview.encoding, delimiter: DELIMITER_NAMES[preview.delimiter], filename: file.name });
    if (dryRun) params.set('dryRun', '1');
    if (createMissing && hasParticipants(collection)) params.set('createMissing', '1');
    setError(null);
    setOutcome(null);
    followed.follow(null);
    setProgress({ fraction: 0 });
    const reply = await uploadCsv(`/api/v1/${collection.id}/import?${params}`, file, (fraction) => setProgress({ fraction }));
    setProgress(null);
    if (!reply.ok) {
      setError(reply.status === 0 ? t('csv.networkFailed') : t('csv.requestFailed', { message: reply.message }));
      return;
    }
    if (reply.status === 202) {
      followed.follow(reply.job);
      return;
    }
    setOutcome({ result: reply.result, aborted: reply.status === 422 });
    if (reply.result.batchId) setVersion((v) => v + 1);
  };

  const running = job?.state === 'running';
  const blocked = !preview || progress !== null || running || duplicateTargets(mapping.map).length > 0 || Object.values(mapping.map).every((v) => v === null);
  const percent = progress?.fraction === null || progress === null ? null : Math.round(progress.fraction * 100);

  return (
    <div className="import-workbench" data-testid="import-workbench">
      <FileStep locale={locale} t={t} maxMb={maxMb} collectionId={collectionId} onCollection={chooseCollection} file={file} onFile={(f) => void load(f, null)} preview={preview} onDelimiter={(d) => file && void load(file, d)} />
      {error ? (
        <p className="error-box" role="alert" data-testid="import-error">
          {error}
        </p>
      ) : null}
      {preview ? <MappingStep collection={collection} locale={locale} t={t} preview={preview} mapping={mapping} onMap={map} /> : null}
      {preview ? (
        <section className="panel import-step" aria-labelledby="import-step-options">
          <h2 id="import-step-options">{t('csv.step.options')}</h2>
          <div className="import-options">
            <div className="form-field">
              <label htmlFor={ids.mode}>{t('csv.mode')}</label>
              <select id={ids.mode} value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
                <option value="upsert">{t('csv.mode.upsert')}</option>
                <option value="insert">{t('csv.mode.insert')}</option>
              </select>
            </div>
            <div className="form-field">
              <label htmlFor={ids.onError}>{t('csv.onError')}</label>
              <select id={ids.onError} value={onError} onChange={(e) => setOnError(e.target.value as OnError)} data-testid="import-on-error">
                <option value="abort">{t('csv.onError.abort')}</option>
                <option value="skip">{t('csv.onError.skip')}</option>
              </select>
            </div>
            {hasParticipants(collection) ? (
              <label className="check" htmlFor={ids.create}>
                <input id={ids.create} type="checkbox" checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)} />
                {t('csv.createMissing')}
              </label>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="button" className="btn" disabled={blocked} onClick={() => void run(true)} data-testid="import-dry-run">
              {t('csv.dryRun')}
            </button>
            <button type="button" className="btn primary" disabled={blocked} onClick={() => void run(false)} data-testid="import-commit">
              {t('csv.commit')}
            </button>
          </div>
          {progress ? (
            <div className="import-progress" data-testid="import-progress">
              <progress max={100} value={percent ?? undefined} aria-label={t('csv.progress')} />
              <span className="muted small">{percent === null || percent >= 100 ? t('csv.processing') : t('csv.uploading', { percent })}</span>
            </div>
          ) : null}
        </section>
      ) : null}
      {job && running ? <JobProgress locale={locale} t={t} job={job} cancelling={followed.cancelling} onCancel={() => void followed.cancel()} stale={followed.stale} /> : null}
      {(job && !running) || followed.lost ? <JobOutcome locale={locale} t={t} job={running ? null : job} /> : null}
      {outcome ? <ResultPanel locale={locale} t={t} result={outcome.result} aborted={outcome.aborted} collectionId={collection.id} /> : null}
      <ImportHistory locale={locale} t={t} version={version} />
    </div>
  );
}
