import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { COLLECTIONS } from '@/lib/collections';
import { BackBeforeHydration } from './_components/BackBeforeHydration';
import { CurrencySwitch } from './_components/CurrencySwitch';
import { LanguageSwitch } from './_components/LanguageSwitch';
import { NavLinks } from './_components/NavLinks';
import { NoEvalInBrowser } from './_components/NoEvalInBrowser';
import { PageSlot } from './_components/PageSlot';
import { hideNavigation, LocalModeBanner, UserMenu } from './_components/auth/ShellAuth';
import { PATH_HEADER } from './_lib/auth';
import { navUnseen } from './_lib/follows';
import { getTranslator } from './_lib/locale';
import './globals.css';
import './_components/follow/follow.css';

export const metadata: Metadata = {
  title: { default: 'AIGC Atlas', template: '%s · AIGC Atlas' },
  description: 'Research workbench for analysts of the generative-AI market.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  // A share link's visitor sees its one view: no navigation, account menu or local-mode banner.
  const visiting = ((await headers()).get(PATH_HEADER) ?? '').startsWith('/s/');
  const unseen = visiting ? 0 : await navUnseen();
  const groups = [
    {
      title: '',
      items: [
        { href: '/', label: t('nav.dashboard') },
        { href: '/boards', label: t('nav.boards') },
        { href: '/whats-new', label: t('nav.whatsNew'), count: { n: unseen, label: t('nav.unseen', { n: unseen }) } },
        { href: '/following', label: t('nav.following') },
        { href: '/alerts', label: t('nav.alerts') },
      ],
    },
    // Boards and alert rules are collections too, but they are where analysts work, not data: they sit beside the dashboard.
    { title: t('nav.data'), items: [...COLLECTIONS.filter((c) => c.id !== 'boards' && c.id !== 'alerts').map((c) => ({ href: `/${c.id}`, label: c.label[locale] })), { href: '/import', label: t('csv.title') }] },
    {
      title: t('nav.analysis'),
      items: [
        { href: '/concentration', label: t('nav.concentration') },
        { href: '/timeline', label: t('nav.timeline') },
        { href: '/market-map', label: t('nav.marketMap') },
        { href: '/network', label: t('nav.network') },
        { href: '/sources', label: t('nav.sources') },
        { href: '/changes', label: t('nav.changes') },
        { href: '/shares', label: t('share.nav') },
      ],
    },
  ];
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <body>
        <BackBeforeHydration />
        <NoEvalInBrowser />
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <div className="shell">
          <nav className="sidebar" aria-label={t('app.name')}>
            {visiting ? (
              <span className="brand">
                <span className="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
              </span>
            ) : (
              <Link href="/" className="brand">
                <span className="brand-mark" aria-hidden="true">◆</span> {t('app.name')}
              </Link>
            )}
            {visiting || (await hideNavigation()) ? null : <NavLinks groups={groups} />}
            <div className="sidebar-foot">
              {visiting ? null : <UserMenu locale={locale} />}
              <LanguageSwitch locale={locale} label={t('lang.label')} names={{ en: t('lang.en'), zh: t('lang.zh') }} />
              {visiting ? null : <CurrencySwitch locale={locale} />}
            </div>
          </nav>
          <main id="main" className="main">
            <PageSlot>
              {visiting ? null : <LocalModeBanner locale={locale} />}
              {children}
            </PageSlot>
          </main>
        </div>
      </body>
    </html>
  );
}
