'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';

export interface AlertValues {
  id?: string;
  version?: number;
  title: string;
  kind: string;
  path: string;
  hypothesis_id: string;
  metric: string;
  threshold: string;
  direction: string;
  inbox: boolean;
  webhookUrl: string;
  email: string;
  active: boolean;
  /** Whether the stored rule has a webhook (whose secret is kept when none is typed). */
  hasWebhook: boolean;
}

export interface EditorText {
  labels: Record<string, string>;
  kinds: { value: string; label: string }[];
  metrics: { value: string; label: string }[];
  directions: { value: string; label: string }[];
  hypotheses: { value: string; label: string }[];
}

type Issue = { path: string; message: string };

/** Create or edit an alert rule (POST / PATCH /api/v1/alerts); a generated webhook secret is shown once. */
export function AlertEditor({ initial, text, canNotify }: { initial: AlertValues; text: EditorText; canNotify: boolean }) {
  const router = useRouter();
  const L = text.labels;
  const [v, setV] = useState(initial);
  const [secret, setSecret] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [shown, setShown] = useState<{ id: string; secret: string } | null>(null);
  const set = (patch: Partial<AlertValues>) => setV((old) => ({ ...old, ...patch }));
  const issueOf = (path: string) => issues.find((i) => i.path === path)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setIssues([]);
    const body: Record<string, unknown> = {
      title: v.title,
      kind: v.kind,
      path: v.kind === 'indicator' ? null : v.path || null,
      hypothesis_id: v.kind === 'indicator' ? v.hypothesis_id || null : null,
      metric: v.kind === 'metric' ? v.metric || null : null,
      threshold: v.kind === 'metric' && v.threshold !== '' ? Number(v.threshold) : null,
      direction: v.kind === 'metric' ? v.direction || null : null,
      active: v.active ? 1 : 0,
      channels: { inbox: v.inbox, webhook: v.webhookUrl ? { url: v.webhookUrl, ...(secret ? { secret } : {}) } : null, email: v.email || null },
      ...(v.version ? { version: v.version } : {}),
    };
    const response = await fetch(v.id ? `/api/v1/alerts/${encodeURIComponent(v.id)}` : '/api/v1/alerts', {
      method: v.id ? 'PATCH' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => null);
    setSaving(false);
    const reply = (await response?.json().catch(() => null)) as { id?: string; channels?: { webhook?: { secret?: string } | null }; error?: { message?: string; issues?: Issue[] } } | null;
    if (!response?.ok || !reply?.id) {
      setError(reply?.error?.message ?? `HTTP ${response?.status ?? 'network'}`);
      setIssues(reply?.error?.issues ?? []);
      return;
    }
    const generated = reply.channels?.webhook?.secret;
    if (generated) return setShown({ id: reply.id, secret: generated });
    router.push(`/alerts/${encodeURIComponent(reply.id)}`);
    router.refresh();
  };

  if (shown) {
    return (
      <div className="panel" role="status" data-testid="secret-shown">
        <h2>{L.secretTitle}</h2>
        <p>{L.secretOnce}</p>
        <p>
          <input className="mono" readOnly value={shown.secret} size={40} aria-label={L.secretTitle} onFocus={(e) => e.currentTarget.select()} data-testid="generated-secret" />
        </p>
        <Link className="btn primary" href={`/alerts/${encodeURIComponent(shown.id)}`}>
          {L.done}
        </Link>
      </div>
    );
  }

  const field = (id: string, label: string, input: ReactNode, hint?: string, wide = false) => (
    <div className={wide ? 'form-field wide' : 'form-field'}>
      <label htmlFor={`f-${id}`}>{label}</label>
      {input}
      {hint ? <span className="small muted">{hint}</span> : null}
      {issueOf(id) ? <span className="field-error small">{issueOf(id)}</span> : null}
    </div>
  );
  const invalid = (path: string) => (issueOf(path) ? true : undefined);

  return (
    <form className="panel" onSubmit={submit} noValidate data-testid="alert-form">
      {error ? (
        <p className="error-box" role="alert">
          {error}
          {issues.length ? <span className="small"> — {issues.map((i) => `${i.path}: ${i.message}`).join('; ')}</span> : null}
        </p>
      ) : null}
      <div className="form-grid">
        {field('title', L.title, <input id="f-title" value={v.title} onChange={(e) => set({ title: e.target.value })} aria-invalid={invalid('title')} required maxLength={200} />)}
        {field(
          'kind',
          L.kind,
          <select id="f-kind" value={v.kind} onChange={(e) => set({ kind: e.target.value })}>
            {text.kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>,
        )}
        {v.kind === 'indicator'
          ? field(
              'hypothesis_id',
              L.hypothesis,
              <select id="f-hypothesis_id" value={v.hypothesis_id} onChange={(e) => set({ hypothesis_id: e.target.value })} aria-invalid={invalid('hypothesis_id')}>
                <option value="">—</option>
                {text.hypotheses.map((h) => (
                  <option key={h.value} value={h.value}>
                    {h.label}
                  </option>
                ))}
              </select>,
              L.hypothesisHint,
            )
          : field('path', v.kind === 'metric' ? L.pathMetric : L.pathRows, <input id="f-path" className="mono" value={v.path} onChange={(e) => set({ path: e.target.value })} aria-invalid={invalid('path')} placeholder={v.kind === 'metric' ? '/concentration?layer=foundation&from=2022' : '/investments?round_type=seed'} />, v.kind === 'metric' ? L.pathMetricHint : L.pathRowsHint, true)}
        {v.kind === 'metric' ? (
          <>
            {field(
              'metric',
              L.metric,
              <select id="f-metric" value={v.metric} onChange={(e) => set({ metric: e.target.value })} aria-invalid={invalid('metric')}>
                {text.metrics.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>,
            )}
            {field(
              'direction',
              L.direction,
              <select id="f-direction" value={v.direction} onChange={(e) => set({ direction: e.target.value })} aria-invalid={invalid('direction')}>
                {text.directions.map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </select>,
            )}
            {field('threshold', L.threshold, <input id="f-threshold" type="number" step="any" value={v.threshold} onChange={(e) => set({ threshold: e.target.value })} aria-invalid={invalid('threshold')} />)}
          </>
        ) : null}
      </div>
      <fieldset className="alert-channels">
        <legend>{L.channels}</legend>
        <label className="check">
          <input type="checkbox" checked={v.inbox} onChange={(e) => set({ inbox: e.target.checked })} /> {L.inbox}
        </label>
        <div className="form-grid">
          {field('channels.webhook.url', L.webhook, <input id="f-channels.webhook.url" className="mono" value={v.webhookUrl} onChange={(e) => set({ webhookUrl: e.target.value })} disabled={!canNotify} aria-invalid={invalid('channels.webhook.url')} placeholder="https://example.com/atlas-hook" />, canNotify ? L.webhookHint : L.viewerHint, true)}
          {v.webhookUrl
            ? field('channels.webhook.secret', L.secret, <input id="f-channels.webhook.secret" type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} aria-invalid={invalid('channels.webhook.secret')} />, v.hasWebhook ? L.secretKeep : L.secretHint)
            : null}
          {field('channels.email', L.email, <input id="f-channels.email" type="email" value={v.email} onChange={(e) => set({ email: e.target.value })} disabled={!canNotify} aria-invalid={invalid('channels.email')} />)}
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={v.active} onChange={(e) => set({ active: e.target.checked })} /> {L.active}
      </label>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={saving} data-testid="save-alert">
          {L.save}
        </button>
        <Link className="btn" href={v.id ? `/alerts/${encodeURIComponent(v.id)}` : '/alerts'}>
          {L.cancel}
        </Link>
      </div>
    </form>
  );
}
