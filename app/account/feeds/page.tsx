import type { Metadata } from 'next';
import { getAtlas } from '@/db/connection';
import { listFeedTokens } from '@/db/follows';
import { requireUser } from '../../_lib/auth';
import { actorOf } from '../../_lib/follows';
import { getTranslator } from '../../_lib/locale';
import { FeedTokens } from './_components/FeedTokens';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Atom feed' };

/** The viewer's Atom feed addresses of What's new: make one (shown once), revoke. */
export default async function FeedsPage() {
  const viewer = await requireUser('read');
  const { t } = await getTranslator();
  const actor = actorOf(viewer);
  const rows = actor ? await listFeedTokens((await getAtlas()).db, actor) : [];
  const labels = {
    create: t('feeds.create'),
    shownOnce: t('feeds.shownOnce'),
    none: t('feeds.none'),
    revoke: t('feeds.revoke'),
    revoked: t('feeds.revoked'),
    active: t('feeds.active'),
    created: t('feeds.created', { at: '{at}' }),
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('feeds.title')}</h1>
          <p>{t('feeds.intro')}</p>
        </div>
      </div>
      <FeedTokens rows={rows} labels={labels} />
    </>
  );
}
