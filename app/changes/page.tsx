import { recentChanges } from '@/db/changes';
import { getAtlas } from '@/db/connection';
import { visibleChanges } from '@/db/ownership';
import { changedFields } from '@/lib/changes';
import { HistoryList } from '../[collection]/_components/HistoryList';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Change log' };

export default async function ChangesPage() {
  const viewer = await requireUser('read');
  const { locale, t } = await getTranslator();
  // Another user's private board stays out of the log (db/ownership.ts), as it does out of every list.
  const restrictedTo = viewer.user && viewer.user.role !== 'admin' ? viewer.user.email : undefined;
  const changes = visibleChanges(await recentChanges((await getAtlas()).db, 200), restrictedTo);
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
