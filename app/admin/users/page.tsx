import type { Metadata } from 'next';
import Link from 'next/link';
import { getAtlas } from '@/db/connection';
import { listUsers } from '@/db/users';
import { MIN_PASSWORD } from '@/lib/auth/schemas';
import { requireUser } from '../../_lib/auth';
import { getTranslator } from '../../_lib/locale';
import { UserManager } from './_components/UserManager';
import '../../_components/auth/auth.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

/** Admins manage users here; in local mode it points to the first-run setup. */
export default async function UsersPage() {
  const viewer = await requireUser('admin');
  const { locale, t } = await getTranslator();
  const users = viewer.user ? await listUsers((await getAtlas()).db) : [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('auth.users.title')}</h1>
          <p>{t('auth.users.intro')}</p>
        </div>
      </div>
      {viewer.user ? (
        <UserManager locale={locale} users={users} selfId={viewer.user.id} minPassword={MIN_PASSWORD} />
      ) : (
        <section className="panel">
          <p>{t('auth.users.local')}</p>
          <Link className="btn primary" href="/setup">
            {t('auth.setup.title')}
          </Link>
        </section>
      )}
    </>
  );
}
