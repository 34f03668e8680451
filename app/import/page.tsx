import type { Metadata } from 'next';
import { readEnv } from '@/lib/env';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { ImportWorkbench } from './_components/ImportWorkbench';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import CSV' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImportPage({ searchParams }: Props) {
  await requireUser('write');
  const { locale, t } = await getTranslator();
  const wanted = (await searchParams).collection;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('csv.title')}</h1>
          <p>{t('csv.intro')}</p>
        </div>
      </div>
      <ImportWorkbench locale={locale} maxMb={readEnv().ATLAS_MAX_UPLOAD_MB} initialCollection={typeof wanted === 'string' ? wanted : 'companies'} />
    </>
  );
}
