import { notFound } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { getRow } from '@/db/rows';
import { findCollection } from '@/lib/collections';
import { mayEdit } from '@/db/ownership';
import { requireUser, restrictionOf } from '../../../_lib/auth';
import { getTranslator } from '../../../_lib/locale';
import { refOptionsFor } from '../../_components/form-data';
import { RowForm } from '../../_components/RowForm';

export const dynamic = 'force-dynamic';

export default async function EditRowPage({ params }: { params: Promise<{ collection: string; id: string }> }) {
  const viewer = await requireUser('write');
  const { collection: name, id } = await params;
  const collection = findCollection(name);
  if (!collection) notFound();
  const atlas = await getAtlas();
  const row = await getRow(atlas, collection, decodeURIComponent(id));
  if (!row || !mayEdit(collection, row, restrictionOf(viewer))) notFound();
  const { locale, t } = await getTranslator();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('form.editTitle', { name: collection.singular[locale] })}</h1>
          <p className="muted mono small">
            {collection.id}/{row.id}
          </p>
        </div>
      </div>
      <RowForm collectionId={collection.id} locale={locale} initial={row} refOptions={await refOptionsFor(atlas, collection)} />
    </>
  );
}
