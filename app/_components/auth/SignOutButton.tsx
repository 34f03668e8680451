'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { send } from './api';

/** Ends the session on the server, then shows the sign-in page. */
export function SignOutButton({ label, busyLabel }: { label: string; busyLabel: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    await send('DELETE', '/api/v1/session');
    router.replace('/sign-in');
    router.refresh();
  };
  return (
    <button type="button" className="btn user-menu-signout" onClick={signOut} disabled={busy} data-testid="sign-out">
      {busy ? busyLabel : label}
    </button>
  );
}
