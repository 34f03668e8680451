import type { Metadata } from 'next';
import { getAtlas } from '@/db/connection';
import { listShares } from '@/db/shares';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { ShareList } from './_components/ShareList';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shared links' };

/** Every share link: its view, mode, creator, dates, views; copy it again or revoke it. */
export default async function SharesPage() {
  const viewer = await requireUser('read');
  const { locale, t } = await getTranslator();
  const rows = await listShares((await getAtlas()).db);
  const user = viewer.user;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('share.list.title')}</h1>
          <p>{t('share.list.intro')}</p>
        </div>
      </div>
      <ShareList rows={rows} locale={locale} canRevoke={user ? (user.role === 'admin' ? 'all' : user.role === 'editor' ? user.email : 'none') : 'all'} />
    </>
  );
}
