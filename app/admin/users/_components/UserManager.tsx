'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ROLES, type Role } from '@/lib/auth/roles';
import type { Locale } from '@/lib/collections/types';
import { translator, type MessageKey } from '@/lib/i18n';
import { send } from '../../../_components/auth/api';

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  disabledAt: string | null;
  createdAt: string;
}

/** Admins: add a user, change a role, disable or enable. Every change is checked again by the API. */
export function UserManager({ locale, users, selfId, minPassword }: { locale: Locale; users: UserRow[]; selfId: string; minPassword: number }) {
  const t = translator(locale);
  const router = useRouter();
  const [form, setForm] = useState<{ email: string; password: string; role: Role }>({ email: '', password: '', role: 'viewer' });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const roleName = (role: Role) => t(`auth.role.${role}` as MessageKey);

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy('add');
    const reply = await send<UserRow>('POST', '/api/v1/users', form);
    setBusy(null);
    if (!reply.ok) return setMessage({ kind: 'error', text: t('auth.error', { message: reply.message }) });
    setMessage({ kind: 'ok', text: t('auth.users.added', { email: form.email.trim().toLowerCase() }) });
    setForm({ email: '', password: '', role: form.role });
    router.refresh();
  };

  const patch = async (user: UserRow, change: { role?: Role; disabled?: boolean }) => {
    setBusy(user.id);
    const reply = await send<UserRow>('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`, change);
    setBusy(null);
    setMessage(reply.ok ? { kind: 'ok', text: t('auth.users.saved') } : { kind: 'error', text: t('auth.error', { message: reply.message }) });
    router.refresh();
  };

  return (
    <>
      <section className="panel" aria-labelledby="user-add">
        <h2 id="user-add">{t('auth.users.add')}</h2>
        <form className="inline-form" onSubmit={add} data-testid="user-form">
          <div className="form-field">
            <label htmlFor="user-email">{t('auth.email')}</label>
            <input id="user-email" type="email" required autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </div>
          <div className="form-field">
            <label htmlFor="user-password">{t('auth.password')}</label>
            <input id="user-password" type="password" required autoComplete="new-password" minLength={minPassword} aria-describedby="user-password-hint" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </div>
          <div className="form-field">
            <label htmlFor="user-role">{t('auth.users.role')}</label>
            <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleName(role)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn primary" disabled={busy !== null} data-testid="user-add">
            {busy === 'add' ? t('auth.users.adding') : t('auth.users.addSubmit')}
          </button>
        </form>
        <p id="user-password-hint" className="muted small form-hint">
          {t('auth.passwordHint', { n: minPassword })}
        </p>
        {message ? (
          <p className={message.kind === 'error' ? 'error-box' : 'notice'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="user-message">
            {message.text}
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="user-list">
        <h2 id="user-list">{t('auth.users.all')}</h2>
        <div className="table-scroll">
          <table className="data admin-table" data-testid="user-table">
            <thead>
              <tr>
                <th scope="col">{t('auth.email')}</th>
                <th scope="col">{t('auth.users.role')}</th>
                <th scope="col">{t('auth.users.status')}</th>
                <th scope="col">{t('auth.users.createdAt')}</th>
                <th scope="col">{t('auth.users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-email={user.email}>
                  <td>
                    {user.email} {user.id === selfId ? <span className="badge">{t('auth.users.you')}</span> : null}
                  </td>
                  <td>
                    <select aria-label={t('auth.users.roleOf', { email: user.email })} value={user.role} disabled={busy !== null} onChange={(e) => patch(user, { role: e.target.value as Role })}>
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {roleName(role)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className={user.disabledAt ? 'status-off' : 'status-ok'}>{user.disabledAt ? t('auth.users.disabled') : t('auth.users.active')}</td>
                  <td className="mono small">{user.createdAt.slice(0, 10)}</td>
                  <td>
                    <button type="button" className={user.disabledAt ? 'btn' : 'btn danger'} disabled={busy !== null} onClick={() => patch(user, { disabled: !user.disabledAt })}>
                      {user.disabledAt ? t('auth.users.enable') : t('auth.users.disable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
