'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Locale } from '@/lib/collections/types';
import { translator } from '@/lib/i18n';
import { send } from '../../_components/auth/api';

/** The first admin: POST /api/v1/setup, which also signs them in. */
export function SetupForm({ locale, minPassword }: { locale: Locale; minPassword: number }) {
  const t = translator(locale);
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (password !== repeat) return setError(t('auth.passwordMismatch'));
    setBusy(true);
    setError(null);
    const reply = await send('POST', '/api/v1/setup', { email, password });
    if (reply.ok) {
      router.replace('/admin/users');
      router.refresh();
      return;
    }
    setBusy(false);
    setError(t('auth.error', { message: reply.message }));
  };

  return (
    <form className="auth-form" onSubmit={submit} data-testid="setup-form">
      {error ? (
        <p className="error-box" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-field">
        <label htmlFor="setup-email">{t('auth.email')}</label>
        <input id="setup-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="form-field">
        <label htmlFor="setup-password">{t('auth.password')}</label>
        <input id="setup-password" type="password" autoComplete="new-password" required minLength={minPassword} aria-describedby="setup-password-hint" value={password} onChange={(e) => setPassword(e.target.value)} />
        <span id="setup-password-hint" className="muted small">
          {t('auth.passwordHint', { n: minPassword })}
        </span>
      </div>
      <div className="form-field">
        <label htmlFor="setup-repeat">{t('auth.passwordRepeat')}</label>
        <input id="setup-repeat" type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      </div>
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? t('auth.setup.busy') : t('auth.setup.submit')}
      </button>
    </form>
  );
}
