import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MIN_PASSWORD } from '@/lib/auth/schemas';
import { currentViewer } from '../_lib/auth';
import { getTranslator } from '../_lib/locale';
import { SetupForm } from './_components/SetupForm';
import '../_components/auth/auth.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up team mode' };

/** First-run setup: exists only while no user does (afterwards 404; the API refuses too). */
export default async function SetupPage() {
  if ((await currentViewer()).mode !== 'local') notFound();
  const { locale, t } = await getTranslator();
  return (
    <section className="panel auth-card" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('auth.setup.title')}</h1>
      <p className="muted">{t('auth.setup.intro')}</p>
      <SetupForm locale={locale} minPassword={MIN_PASSWORD} />
    </section>
  );
}
