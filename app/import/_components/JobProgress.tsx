'use client';

import type { Locale } from '@/lib/collections/types';
import type { ImportJob } from '@/lib/csv/import-types';
import type { Translate } from '@/lib/i18n';
import * as jobCatalog from '@/lib/i18n/catalogs/csv-job';
import { catalogTranslator } from '@/lib/i18n/local';
import { formatSize } from './FileStep';

interface JobProgressProps {
  locale: Locale;
  t: Translate;
  job: ImportJob;
  cancelling: boolean;
  onCancel: () => void;
  /** The last poll failed (the server is out of reach); the job is shown as last seen. */
  stale: boolean;
}

type JobTranslate = ReturnType<typeof catalogTranslator<keyof typeof jobCatalog.en>>;

function duration(tj: JobTranslate, seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  return s < 60 ? tj('csv.job.seconds', { s }) : tj('csv.job.minutes', { m: Math.floor(s / 60), s: s % 60 });
}

/** A running import job: how much of the file is read, the counts so far, the time left, and a cancel button. */
export function JobProgress({ locale, t, job, cancelling, onCancel, stale }: JobProgressProps) {
  const tj = catalogTranslator(jobCatalog, locale);
  const number = (n: number) => n.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US');
  const { progress } = job;
  const percent = Math.floor(progress.fraction * 100);
  const status = !job.startedAt
    ? tj('csv.job.waiting')
    : progress.bytesRead >= progress.bytesTotal
      ? tj('csv.job.finishing')
      : progress.etaSeconds === null
        ? tj('csv.job.etaUnknown')
        : tj('csv.job.eta', { time: duration(tj, progress.etaSeconds) });
  const tiles = [
    { key: 'rows', label: tj('csv.job.rows'), value: progress.rows },
    { key: 'inserted', label: t('csv.inserted'), value: progress.inserted },
    { key: 'updated', label: t('csv.updated'), value: progress.updated },
    { key: 'unchanged', label: t('csv.unchanged'), value: progress.unchanged },
    { key: 'rejected', label: t('csv.rejected'), value: progress.rejected },
  ];
  return (
    <section className="panel import-job" aria-labelledby="import-job-title" data-testid="import-job" data-job={job.id} data-state={job.state}>
      <div className="panel-head">
        <h2 id="import-job-title">{job.dryRun ? tj('csv.job.titleDry') : tj('csv.job.title')}</h2>
        <span className="mono muted small">{tj('csv.job.id', { id: job.id })}</span>
      </div>
      <p className="muted small">
        {job.filename ? <span className="mono">{job.filename}</span> : null} {tj('csv.job.leave')}
      </p>
      <div className="import-job-bar">
        <progress max={100} value={percent} aria-label={t('csv.progress')} data-testid="import-job-bar" />
        <span className="small" data-testid="import-job-read">
          {tj('csv.job.read', { read: formatSize(progress.bytesRead, locale), total: formatSize(progress.bytesTotal, locale), percent })}
        </span>
      </div>
      <p className="small import-job-status" role="status" aria-live="polite" data-testid="import-job-status">
        {stale ? tj('csv.job.pollFailed') : status}
      </p>
      <div className="tiles import-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className={`tile tile-${tile.key}`} data-testid={`job-${tile.key}`}>
            <div className="tile-label">{tile.label}</div>
            <div className="tile-value">{number(tile.value)}</div>
          </div>
        ))}
      </div>
      <div className="form-actions">
        <button type="button" className="btn danger" disabled={cancelling || job.cancelRequested} onClick={onCancel} data-testid="import-job-cancel">
          {cancelling || job.cancelRequested ? tj('csv.job.cancelling') : tj('csv.job.cancel')}
        </button>
      </div>
    </section>
  );
}
