import { findCollection, type Locale } from '@/lib/collections';
import type { ImportJob } from '@/lib/csv/import-types';
import { formatDateTime, formatNumber } from '@/lib/format';
import { labelOf, type Translate } from '@/lib/i18n';

/** The viewer's imports still running, each a link to its progress (works without JavaScript). */
export function RunningImports({ jobs, locale, t }: { jobs: ImportJob[]; locale: Locale; t: Translate }) {
  if (jobs.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="running-imports" data-testid="running-imports">
      <h2 id="running-imports">{t('csv.running')}</h2>
      <ul className="running-imports">
        {jobs.map((job) => {
          const collection = findCollection(job.collection);
          return (
            <li key={job.id}>
              {t('csv.runningRow', {
                file: job.filename ?? job.id,
                collection: collection ? labelOf(collection.label, locale) : job.collection,
                when: formatDateTime(job.createdAt),
                percent: `${formatNumber(job.progress.fraction * 100, locale, 0)} %`,
                rows: formatNumber(job.progress.rows, locale, 0),
              })}{' '}
              <a href={`/import?job=${encodeURIComponent(job.id)}`}>{t('csv.runningOpen')}</a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
