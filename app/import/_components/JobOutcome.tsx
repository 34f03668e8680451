'use client';

import type { Locale } from '@/lib/collections/types';
import type { ImportJob } from '@/lib/csv/import-types';
import type { Translate } from '@/lib/i18n';
import * as jobCatalog from '@/lib/i18n/catalogs/csv-job';
import { catalogTranslator } from '@/lib/i18n/local';
import { ResultPanel } from './ResultPanel';

/** How an import job ended: its summary as a short import shows it, or why it stopped; null job: not found. */
export function JobOutcome({ locale, t, job }: { locale: Locale; t: Translate; job: ImportJob | null }) {
  const tj = catalogTranslator(jobCatalog, locale);
  if (!job) {
    return (
      <p className="error-box" role="alert" data-testid="import-job-lost">
        {tj('csv.job.lost')}
      </p>
    );
  }
  if (job.state === 'done' && job.result) {
    const caption = tj('csv.job.finished', { file: job.filename ?? '—', id: job.id });
    return <ResultPanel locale={locale} t={t} result={job.result} aborted={job.resultStatus === 422} collectionId={job.collection} caption={caption} />;
  }
  const message = job.state === 'cancelled' ? tj('csv.job.cancelled') : job.error?.code === 'interrupted' ? tj('csv.job.interrupted') : tj('csv.job.failed', { message: job.error?.message ?? job.state });
  return (
    <p className={job.state === 'cancelled' ? 'notice' : 'error-box'} role={job.state === 'cancelled' ? 'status' : 'alert'} data-testid="import-job-ended" data-state={job.state}>
      {message}
    </p>
  );
}
