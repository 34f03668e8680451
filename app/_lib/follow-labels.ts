import 'server-only';
import type { FollowLabels } from '../_components/follow/FollowForm';
import { getTranslator } from './locale';

/** The follow button's words for a page . */
export async function followLabels(kind: 'company' | 'investor' | 'view' | 'other'): Promise<FollowLabels> {
  const { t } = await getTranslator();
  const follow = kind === 'company' ? t('follow.asCompany') : kind === 'investor' ? t('follow.asInvestor') : kind === 'view' ? t('follow.view') : t('follow.follow');
  const following = kind === 'company' ? t('follow.followingAsCompany') : kind === 'investor' ? t('follow.followingAsInvestor') : kind === 'view' ? t('follow.viewFollowing') : t('follow.following');
  return { follow, following, unfollow: t('follow.unfollow') };
}
