'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { translator, type Locale } from '@/lib/i18n';
import { sendJson } from './api';

/** Remove one piece of evidence (recorded in the change log, so it can be undone there). */
export function RemoveEvidence({ id, locale, label }: { id: string; locale: Locale; label: string }) {
  const t = translator(locale);
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    if (!window.confirm(t('hyp.ev.removeConfirm'))) return;
    const result = await sendJson(`/api/v1/evidence/${encodeURIComponent(id)}`, 'DELETE');
    if (!result.ok) return setError(result.message);
    router.refresh();
  };
  return (
    <>
      <button type="button" className="btn small-btn" onClick={remove} aria-label={t('hyp.ev.removeOf', { label })}>
        {t('hyp.ev.remove')}
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </>
  );
}
