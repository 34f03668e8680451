import type { Metadata } from 'next';
import { listApiTokens } from '@/db/auth';
import { getAtlas } from '@/db/connection';
import type { MessageKey } from '@/lib/i18n';
import { requireUser } from '../../_lib/auth';
import { getTranslator } from '../../_lib/locale';
import { TokenManager } from './_components/TokenManager';
import '../../_components/auth/auth.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

/** The signed-in user's API tokens: create (shown once), list, revoke. */
export default async function TokensPage() {
  const viewer = await requireUser('read');
  const { locale, t } = await getTranslator();
  const tokens = viewer.user ? await listApiTokens((await getAtlas()).db, viewer.user.id) : [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('auth.tokens.title')}</h1>
          <p>{viewer.user ? t('auth.tokens.intro', { role: t(`auth.role.${viewer.user.role}` as MessageKey) }) : t('auth.tokens.local')}</p>
        </div>
      </div>
      {viewer.user ? <TokenManager locale={locale} tokens={tokens} /> : null}
    </>
  );
}
