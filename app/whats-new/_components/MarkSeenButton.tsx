'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** "Mark all seen": POST /api/v1/inbox/seen up to the newest notification shown, then refresh. */
export function MarkSeenButton({ upTo, label }: { upTo: number; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const mark = async () => {
    setBusy(true);
    const response = await fetch('/api/v1/inbox/seen', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ upTo }) }).catch(() => null);
    setBusy(false);
    if (response?.ok) router.refresh();
  };
  return (
    <button type="button" className="btn" disabled={busy} onClick={mark} data-testid="mark-all-seen">
      {label}
    </button>
  );
}
