import type { Metadata } from 'next';
import { requireUser, mayWrite } from '../../_lib/auth';
import { getTranslator } from '../../_lib/locale';
import { AlertEditor } from '../_components/AlertEditor';
import { editorText, editorValues } from '../_components/editor-text';
import '../alerts.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New alert rule' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A new rule; `?path=` starts it on a view (a table's "alert me" link). */
export default async function NewAlertPage({ searchParams }: Props) {
  const viewer = await requireUser('read');
  const { locale, t } = await getTranslator();
  const path = (await searchParams).path;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('rules.new')}</h1>
          <p>{t('rules.intro')}</p>
        </div>
      </div>
      <AlertEditor initial={editorValues(null, { path: typeof path === 'string' ? path : undefined })} text={await editorText(locale, t)} canNotify={mayWrite(viewer)} />
    </>
  );
}
