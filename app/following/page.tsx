import type { Metadata } from 'next';
import Link from 'next/link';
import { getAtlas } from '@/db/connection';
import { listFollows, type Follow } from '@/db/follows';
import { formatDateTime } from '@/lib/format';
import type { MessageKey } from '@/lib/i18n';
import { FollowForm } from '../_components/follow/FollowForm';
import { requireUser } from '../_lib/auth';
import { followLabels } from '../_lib/follow-labels';
import { actorOf } from '../_lib/follows';
import { getTranslator } from '../_lib/locale';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Following' };

/** Where a follow's target lives. */
function hrefOf(follow: Follow): string {
  switch (follow.kind) {
    case 'company':
    case 'investor':
      return `/companies/${encodeURIComponent(follow.target)}`;
    case 'hypothesis':
      return `/hypotheses/${encodeURIComponent(follow.target)}`;
    case 'board':
      return `/boards/${encodeURIComponent(follow.target)}`;
    case 'view':
      return follow.target;
  }
}

/** Everything the viewer follows, with what each tells of; unfollow from here. */
export default async function FollowingPage() {
  const viewer = await requireUser('read');
  const { t } = await getTranslator();
  const actor = actorOf(viewer);
  const rows = actor ? await listFollows((await getAtlas()).db, actor) : [];
  const labels = await followLabels('other');
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('following.title')}</h1>
          <p>{t('following.intro')}</p>
        </div>
        <div className="toolbar-actions">
          <Link className="btn" href="/whats-new">
            {t('nav.whatsNew')}
          </Link>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted" data-testid="following-empty">
          {t('following.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="following-table">
            <thead>
              <tr>
                <th scope="col">{t('following.what')}</th>
                <th scope="col">{t('following.kind')}</th>
                <th scope="col">{t('following.tells')}</th>
                <th scope="col">{t('following.since')}</th>
                <th scope="col">
                  <span className="sr-only">{t('follow.unfollow')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((follow) => (
                <tr key={follow.id}>
                  <td>
                    <Link href={hrefOf(follow)}>{follow.title ?? follow.target}</Link>
                    {follow.kind === 'view' && follow.title !== follow.target ? <div className="small muted mono">{follow.target}</div> : null}
                  </td>
                  <td className="nowrap">{t(`following.kind.${follow.kind}` as MessageKey)}</td>
                  <td className="small">{t(`following.tells.${follow.kind}` as MessageKey)}</td>
                  <td className="nowrap small">{formatDateTime(follow.createdAt)}</td>
                  <td className="nowrap">
                    <FollowForm kind={follow.kind} target={follow.target} followId={follow.id} labels={labels} back="/following" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted feed-hint">
        {t('following.feedHint')} <Link href="/account/feeds">{t('following.feed')}</Link>
      </p>
    </>
  );
}
