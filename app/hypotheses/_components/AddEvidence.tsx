'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { EVIDENCE_STANCES } from '@/lib/hypotheses/stances';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { describeProblem, sendJson } from './api';
import { RowSearch, type PickedRow } from './RowSearch';

/** Add evidence to a hypothesis: a row of the database or an outside URL, a stance and a note. */
/** `targetLabels`: each citable collection's name in the reader's language (the registry stays out of the browser). */
export function AddEvidence({ hypothesisId, locale, targetLabels }: { hypothesisId: string; locale: Locale; targetLabels: Record<string, string> }) {
  const t = translator(locale);
  const router = useRouter();
  const id = useId();
  const [stance, setStance] = useState<string>('supports');
  const [mode, setMode] = useState<'row' | 'url'>('row');
  const [row, setRow] = useState<PickedRow | null>(null);
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (mode === 'row' && !row) return setStatus({ kind: 'error', text: t('hyp.ev.pickFirst') });
    const target = mode === 'row' && row ? { target_collection: row.collection, target_id: row.id } : { url: url.trim() };
    setBusy(true);
    setStatus(null);
    const result = await sendJson('/api/v1/evidence', 'POST', { hypothesis_id: hypothesisId, stance, note: note.trim() || null, ...target });
    setBusy(false);
    if (!result.ok) return setStatus({ kind: 'error', text: describeProblem(result) });
    setStatus({ kind: 'ok', text: t('hyp.ev.added') });
    setRow(null);
    setUrl('');
    setNote('');
    router.refresh();
  };

  return (
    <form className="add-evidence" onSubmit={submit} noValidate data-testid="add-evidence">
      <h3>{t('hyp.ev.add')}</h3>
      <div className="seg-grid">
        <div className="form-field">
          <label htmlFor={`${id}-stance`}>{t('hyp.ev.stance')}</label>
          <select id={`${id}-stance`} value={stance} onChange={(e) => setStance(e.target.value)}>
            {EVIDENCE_STANCES.map((s) => (
              <option key={s} value={s}>
                {valueLabel(s, locale)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="form-field choice">
          <legend>{t('hyp.ev.cites')}</legend>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'row'} onChange={() => setMode('row')} /> {t('hyp.ev.aRow')}
          </label>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'url'} onChange={() => setMode('url')} /> {t('hyp.ev.aUrl')}
          </label>
        </fieldset>
      </div>
      {mode === 'row' ? (
        <RowSearch value={row} onChange={setRow} locale={locale} targetLabels={targetLabels} />
      ) : (
        <div className="form-field">
          <label htmlFor={`${id}-url`}>{t('hyp.ev.url')}</label>
          <input id={`${id}-url`} type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
        </div>
      )}
      <div className="form-field">
        <label htmlFor={`${id}-note`}>{t('hyp.ev.note')}</label>
        <textarea id={`${id}-note`} value={note} rows={2} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
      </div>
      {status ? (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error-box' : 'notice'}>
          {status.text}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="evidence-submit">
          {t('hyp.ev.submit')}
        </button>
      </div>
    </form>
  );
}
