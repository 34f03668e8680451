'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Locale } from '@/lib/collections/types';
import { translator } from '@/lib/i18n';
import { send } from '../../_components/auth/api';

/** Email and password → POST /api/v1/session; on success go where the visitor was headed. */
export function SignInForm({ locale, next }: { locale: Locale; next: string }) {
  const t = translator(locale);
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const reply = await send('POST', '/api/v1/session', { email, password });
    if (reply.ok) {
      router.replace(next);
      router.refresh();
      return;
    }
    setBusy(false);
    if (reply.status === 401) setError(t('auth.signIn.wrong'));
    else if (reply.status === 429) setError(t('auth.signIn.locked', { minutes: Math.max(1, Math.ceil((reply.retryAfter ?? 60) / 60)) }));
    else setError(t('auth.error', { message: reply.message }));
    setPassword('');
  };

  return (
    <form className="auth-form" onSubmit={submit} data-testid="sign-in-form">
      {error ? (
        <p className="error-box" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      ) : null}
      <div className="form-field">
        <label htmlFor="sign-in-email">{t('auth.email')}</label>
        <input id="sign-in-email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="form-field">
        <label htmlFor="sign-in-password">{t('auth.password')}</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      <button type="submit" className="btn primary" disabled={busy} data-testid="sign-in-submit">
        {busy ? t('auth.signIn.busy') : t('auth.signIn.submit')}
      </button>
    </form>
  );
}
