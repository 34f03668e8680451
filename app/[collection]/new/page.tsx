import { notFound } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { findCollection } from '@/lib/collections';
import { requireUser } from '../../_lib/auth';
import { getTranslator } from '../../_lib/locale';
import { refOptionsFor } from '../_components/form-data';
import { RowForm } from '../_components/RowForm';

export const dynamic = 'force-dynamic';

export default async function NewRowPage({ params }: { params: Promise<{ collection: string }> }) {
  await requireUser('write');
  const collection = findCollection((await params).collection);
  if (!collection) notFound();
  const { locale, t } = await getTranslator();
  const refOptions = await refOptionsFor(await getAtlas(), collection);
  return (
    <>
      <div className="page-head">
        <h1>{t('form.newTitle', { name: collection.singular[locale] })}</h1>
      </div>
      <RowForm collectionId={collection.id} locale={locale} initial={null} refOptions={refOptions} />
    </>
  );
}
