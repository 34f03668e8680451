'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { translator, type Locale } from '@/lib/i18n';
import { describeProblem, sendJson } from '../../hypotheses/_components/api';

/** Put a scenario back to an earlier version's values (a normal edit, so the restore is a new version). */
export function RestoreButton({ scenarioId, version, values, locale }: { scenarioId: string; version: number; values: Record<string, unknown>; locale: Locale }) {
  const t = translator(locale);
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const restore = async () => {
    setState({ busy: true, error: null });
    const result = await sendJson(`/api/v1/scenarios/${encodeURIComponent(scenarioId)}`, 'PATCH', values);
    if (!result.ok) return setState({ busy: false, error: describeProblem(result) });
    setState({ busy: false, error: null });
    router.push(`/scenarios/${encodeURIComponent(scenarioId)}#versions`);
    router.refresh();
  };
  return (
    <>
      <button type="button" className="btn" onClick={restore} disabled={state.busy} data-testid={`restore-${version}`}>
        {t('scn.ver.restore', { n: version })}
      </button>
      {state.error ? (
        <span className="field-error" role="alert">
          {state.error}
        </span>
      ) : null}
    </>
  );
}
