'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { EVIDENCE_TARGETS } from '@/lib/collections/evidence';
import { EVIDENCE_STANCES } from '@/lib/hypotheses/stances';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';

interface HypothesisOption {
  id: string;
  code: string;
  title: string;
  title_zh: string | null;
}

type Reply = { error?: { message?: string; issues?: { path: string; message: string }[] }; rows?: HypothesisOption[]; id?: string };

/** "Cite in a hypothesis…" on a row's page: pick a hypothesis, a stance and a note; the row becomes its evidence. */
export function CiteButton({ collectionId, rowId, locale }: { collectionId: string; rowId: string; locale: Locale }) {
  const t = translator(locale);
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<HypothesisOption[] | null>(null);
  const [hypothesis, setHypothesis] = useState('');
  const [stance, setStance] = useState<string>('supports');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string; href?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!(EVIDENCE_TARGETS as readonly string[]).includes(collectionId)) return null;

  const toggle = async () => {
    setOpen((v) => !v);
    if (options) return;
    const response = await fetch('/api/v1/hypotheses?sort=code&pageSize=1000');
    const body = (await response.json().catch(() => ({}))) as Reply;
    if (!response.ok) return setStatus({ kind: 'error', text: body.error?.message ?? `HTTP ${response.status}` });
    setOptions(body.rows ?? []);
    setHypothesis(body.rows?.[0]?.id ?? '');
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    const response = await fetch('/api/v1/evidence', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hypothesis_id: hypothesis, target_collection: collectionId, target_id: rowId, stance, note: note.trim() || null }),
    });
    const body = (await response.json().catch(() => ({}))) as Reply;
    setBusy(false);
    if (!response.ok) {
      const details = (body.error?.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ');
      return setStatus({ kind: 'error', text: [body.error?.message ?? `HTTP ${response.status}`, details].filter(Boolean).join(' — ') });
    }
    const chosen = options?.find((o) => o.id === hypothesis);
    setStatus({ kind: 'ok', text: t('hyp.cite.done', { code: chosen?.code ?? hypothesis }), href: `/hypotheses/${encodeURIComponent(hypothesis)}` });
    setNote('');
    setOpen(false);
    router.refresh();
  };

  return (
    <div className="cite">
      <button type="button" className="btn" aria-expanded={open} aria-controls={`${id}-form`} onClick={toggle} data-testid="cite-button">
        {t('hyp.cite.button')}
      </button>
      {status ? (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error-box' : 'notice'} data-testid="cite-status">
          {status.text} {status.href ? <Link href={status.href}>{t('hyp.cite.open')}</Link> : null}
        </p>
      ) : null}
      <form id={`${id}-form`} hidden={!open} onSubmit={submit} className="cite-form panel" data-testid="cite-form">
        <div className="form-field">
          <label htmlFor={`${id}-h`}>{t('hyp.cite.hypothesis')}</label>
          <select id={`${id}-h`} value={hypothesis} onChange={(e) => setHypothesis(e.target.value)} required>
            {(options ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} · {(locale === 'zh' && o.title_zh) || o.title}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-s`}>{t('hyp.ev.stance')}</label>
          <select id={`${id}-s`} value={stance} onChange={(e) => setStance(e.target.value)}>
            {EVIDENCE_STANCES.map((s) => (
              <option key={s} value={s}>
                {valueLabel(s, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-n`}>{t('hyp.ev.note')}</label>
          <textarea id={`${id}-n`} rows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy || !hypothesis} data-testid="cite-submit">
            {t('hyp.cite.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
