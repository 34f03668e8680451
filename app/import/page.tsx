import type { Metadata } from 'next';
import { getAtlas } from '@/db/connection';
import { findImportJob, JOB_ID, runningImportJobs } from '@/db/import-job-runner';
import type { ImportJob } from '@/lib/csv/import-types';
import { readEnv } from '@/lib/env';
import { requireUser, restrictionOf } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { ImportWorkbench } from './_components/ImportWorkbench';
import { RunningImports } from './_components/RunningImports';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import CSV' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The job of `?job=`, if it is one the viewer may see (the API's rule: its owner and, in team mode, admins). */
async function jobOf(id: string, restrictedTo: string | undefined): Promise<ImportJob | null> {
  if (!JOB_ID.test(id)) return null;
  const found = await findImportJob(await getAtlas(), id);
  return found && (restrictedTo === undefined || found.owner === restrictedTo) ? found.job : null;
}

export default async function ImportPage({ searchParams }: Props) {
  const viewer = await requireUser('write');
  const { locale, t } = await getTranslator();
  const params = await searchParams;
  const wanted = params.collection;
  const jobId = typeof params.job === 'string' ? params.job : null;
  const job = jobId ? await jobOf(jobId, restrictionOf(viewer)) : null;
  const running = (await runningImportJobs(await getAtlas(), restrictionOf(viewer))).filter((other) => other.id !== job?.id);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('csv.title')}</h1>
          <p>{t('csv.intro')}</p>
        </div>
      </div>
      <RunningImports jobs={running} locale={locale} t={t} />
      <ImportWorkbench
        key={job?.id ?? 'new'}
        locale={locale}
        maxMb={readEnv().ATLAS_MAX_UPLOAD_MB}
        initialCollection={typeof wanted === 'string' ? wanted : 'companies'}
        initialJob={job}
        jobLost={jobId !== null && job === null}
      />
    </>
  );
}
