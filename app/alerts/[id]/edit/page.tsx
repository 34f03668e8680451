import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAtlas } from '@/db/connection';
import { isVisible } from '@/db/ownership';
import { getRow } from '@/db/rows';
import { getCollection } from '@/lib/collections';
import { mayWrite, requireUser, restrictionOf } from '../../../_lib/auth';
import { getTranslator } from '../../../_lib/locale';
import { AlertEditor } from '../../_components/AlertEditor';
import { editorText, editorValues } from '../../_components/editor-text';
import '../../alerts.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit alert rule' };

export default async function EditAlertPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireUser('read');
  const alerts = getCollection('alerts');
  const row = await getRow(await getAtlas(), alerts, decodeURIComponent((await params).id));
  if (!row || !isVisible(alerts, row, restrictionOf(viewer))) notFound();
  const { locale, t } = await getTranslator();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {t('rules.edit')}: {String(row.title)}
          </h1>
        </div>
      </div>
      <AlertEditor initial={editorValues(row)} text={await editorText(locale, t)} canNotify={mayWrite(viewer)} />
    </>
  );
}
