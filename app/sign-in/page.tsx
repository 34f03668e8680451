import type { Metadata } from 'next';
import Link from 'next/link';
import { safeNextPath } from '@/lib/auth/http';
import { currentViewer } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { SignInForm } from './_components/SignInForm';
import '../_components/auth/auth.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The sign-in page: open to everyone (the other pages send anonymous visitors here in team mode). */
export default async function SignInPage({ searchParams }: Props) {
  const { locale, t } = await getTranslator();
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  const viewer = await currentViewer();
  return (
    <section className="panel auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('auth.signIn.title')}</h1>
      {viewer.mode === 'local' ? (
        <>
          <p>{t('auth.signIn.local')}</p>
          <Link className="btn" href="/">
            {t('auth.signIn.toDashboard')}
          </Link>
        </>
      ) : viewer.user ? (
        <>
          <p>{t('auth.signIn.already', { email: viewer.user.email })}</p>
          <Link className="btn primary" href={next}>
            {t('auth.signIn.continue')}
          </Link>
        </>
      ) : (
        <>
          <p className="muted">{t('auth.signIn.intro')}</p>
          <SignInForm locale={locale} next={next} />
        </>
      )}
    </section>
  );
}
