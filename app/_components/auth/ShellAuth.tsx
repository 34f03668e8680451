import Link from 'next/link';
import type { Locale } from '@/lib/collections/types';
import { translator, type MessageKey } from '@/lib/i18n';
import { currentViewer } from '../../_lib/auth';
import { SignOutButton } from './SignOutButton';
import './auth.css';

// The shell's part of team mode (rendered by app/layout.tsx): a discreet banner in local mode, and in team
// mode the signed-in user's menu at the foot of the sidebar.

export async function LocalModeBanner({ locale }: { locale: Locale }) {
  const viewer = await currentViewer();
  if (viewer.mode !== 'local') return null;
  const t = translator(locale);
  return (
    <p className="local-banner" role="note" data-testid="local-mode-banner">
      {t('auth.banner.local')} {t('auth.banner.how', { command: 'npm run user:add -- --email … --password … --role admin' })}{' '}
      <Link href="/setup">{t('auth.banner.setup')}</Link>.
    </p>
  );
}

export async function UserMenu({ locale }: { locale: Locale }) {
  const viewer = await currentViewer();
  if (!viewer.user) return null;
  const t = translator(locale);
  const { email, role } = viewer.user;
  return (
    <section className="user-menu" aria-label={t('auth.menu.label')} data-testid="user-menu">
      <div className="user-menu-email" title={email}>
        {email}
      </div>
      <div className="user-menu-role muted small">{t(`auth.role.${role}` as MessageKey)}</div>
      <ul className="user-menu-links">
        <li>
          <Link href="/account/tokens">{t('auth.menu.tokens')}</Link>
        </li>
        <li>
          <Link href="/account/feeds">{t('following.feed')}</Link>
        </li>
        {role === 'admin' ? (
          <li>
            <Link href="/admin/users">{t('auth.menu.users')}</Link>
          </li>
        ) : null}
      </ul>
      <SignOutButton label={t('auth.menu.signOut')} busyLabel={t('auth.menu.signingOut')} />
    </section>
  );
}

/** True when the navigation should be hidden: team mode and nobody signed in (the sign-in page). */
export async function hideNavigation(): Promise<boolean> {
  const viewer = await currentViewer();
  return viewer.mode === 'team' && !viewer.user;
}
