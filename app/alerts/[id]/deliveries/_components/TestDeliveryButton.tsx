'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

interface Props {
  alertId: string;
  /** Already translated on the server ({n} and {message} filled in here): no catalog in the browser. */
  labels: { button: string; busy: string; queued: string; none: string; failed: string };
}

/** "Test delivery": POST /api/v1/alerts/{id}/test, then refresh the log while the sender sends. */
export function TestDeliveryButton({ alertId, labels }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async () => {
    setBusy(true);
    setMessage(null);
    const response = await fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/test`, { method: 'POST' }).catch(() => null);
    setBusy(false);
    const body = (await response?.json().catch(() => null)) as { deliveries?: unknown[]; error?: { message?: string } } | null;
    if (!response || response.status !== 202) {
      setMessage({ text: labels.failed.replace('{message}', body?.error?.message ?? `HTTP ${response?.status ?? 'network'}`), error: true });
      return;
    }
    const n = body?.deliveries?.length ?? 0;
    setMessage({ text: n > 0 ? labels.queued.replace('{n}', String(n)) : labels.none, error: false });
    router.refresh();
    // The sender polls every few seconds: show its first attempts once they are likely made.
    for (const ms of [1500, 4000]) setTimeout(() => router.refresh(), ms);
  };

  return (
    <>
      <button type="button" className="btn primary" onClick={run} disabled={busy} data-testid="test-delivery">
        {busy ? labels.busy : labels.button}
      </button>
      {message ? (
        <p className={message.error ? 'error-box' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="test-delivery-message">
          {message.text}
        </p>
      ) : null}
    </>
  );
}
