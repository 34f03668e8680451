import { recentChanges } from '@/db/changes';
import { getAtlas } from '@/db/connection';
import { changedFields } from '@/lib/changes';
import { HistoryList } from '../[collection]/_components/HistoryList';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Change log' };

export default async function ChangesPage() {
  await requireUser('read');
  const { locale, t } = await getTranslator();
  const changes = await recentChanges((await getAtlas()).db, 200);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('changes.title')}</h1>
          <p>{t('changes.intro')}</p>
        </div>
      </div>
      <section className="panel">
        <HistoryList
          locale={locale}
          showRow
          entries={changes.map((c) => ({ id: c.id, at: c.at, actor: c.actor, action: c.action, collection: c.collection, rowId: c.rowId, fields: changedFields(c.before, c.after) }))}
        />
      </section>
    </>
  );
}
