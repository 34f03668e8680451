import type { Metadata } from 'next';
import Link from 'next/link';
import type { MessageKey } from '@/lib/i18n';
import { requireUser } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Not allowed' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where a signed-in user lands when their role is too low for a page (the server refused it). */
export default async function ForbiddenPage({ searchParams }: Props) {
  const viewer = await requireUser('read');
  const { t } = await getTranslator();
  const need = (await searchParams).need;
  const needKey = need === 'admin' || need === 'write' ? need : 'read';
  const role = viewer.user ? t(`auth.role.${viewer.user.role}` as MessageKey) : '—';
  return (
    <section className="panel" aria-labelledby="forbidden-title" data-testid="forbidden">
      <h1 id="forbidden-title">{t('auth.forbidden.title')}</h1>
      <p>{t('auth.forbidden.body', { role, need: t(`auth.need.${needKey}` as MessageKey) })}</p>
      <Link className="btn" href="/">
        {t('auth.signIn.toDashboard')}
      </Link>
    </section>
  );
}
