'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import type { Assumptions } from '@/lib/scenarios/assumptions';
import { segmentFromParams, segmentToParams, type SegmentFields } from '@/lib/hypotheses/segment';
import { translator, type Locale } from '@/lib/i18n';
import { describeProblem, sendJson } from '../../hypotheses/_components/api';
import { SegmentPicker } from '../../hypotheses/_components/SegmentPicker';

interface ChangeRow {
  key: number;
  companyId: string;
  from: string;
  to: string;
}

interface Props {
  scenarioId: string;
  locale: Locale;
  initial: Assumptions | null;
  companies: { id: string; name: string }[];
}

let serial = 0;
const toRow = (c: { companyId: string; from?: number | null; to: number }): ChangeRow => ({ key: ++serial, companyId: c.companyId, from: c.from === null || c.from === undefined ? '' : String(c.from), to: String(c.to) });
const blankRow = (): ChangeRow => ({ key: ++serial, companyId: '', from: '', to: '' });

/** Edit a scenario's assumptions: the segment, and the assumed share of each named company (the rest scaled). */
export function AssumptionsEditor({ scenarioId, locale, initial, companies }: Props) {
  const t = translator(locale);
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(!initial);
  const [segment, setSegment] = useState<SegmentFields>(() => segmentFromParams(new URLSearchParams(initial?.segment ?? 'layer=foundation&from=2022')));
  const [rows, setRows] = useState<ChangeRow[]>(() => (initial?.changes.length ? initial.changes.map(toRow) : [blankRow()]));
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const total = rows.reduce((sum, r) => sum + (Number(r.to) || 0), 0);
  const update = (key: number, patch: Partial<ChangeRow>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const changes = [];
    for (const row of rows.filter((r) => r.companyId.trim() || r.to.trim())) {
      const to = Number(row.to);
      const from = row.from.trim() === '' ? null : Number(row.from);
      if (!row.companyId.trim() || row.to.trim() === '' || !Number.isFinite(to) || (from !== null && !Number.isFinite(from))) return setStatus({ kind: 'error', text: t('scn.as.incomplete') });
      changes.push({ companyId: row.companyId.trim(), from, to });
    }
    setBusy(true);
    setStatus(null);
    const result = await sendJson(`/api/v1/scenarios/${encodeURIComponent(scenarioId)}`, 'PATCH', { assumptions: { segment: segmentToParams(segment).toString(), changes, rest: 'scaled' } });
    setBusy(false);
    if (!result.ok) return setStatus({ kind: 'error', text: describeProblem(result) });
    setStatus({ kind: 'ok', text: t('scn.as.saved') });
    setOpen(false);
    router.refresh();
  };

  return (
    <div className="assumptions-editor">
      <button type="button" className="btn" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((v) => !v)} data-testid="assumptions-edit">
        {initial ? t('scn.as.edit') : t('scn.as.set')}
      </button>
      {status ? (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error-box' : 'notice'}>
          {status.text}
        </p>
      ) : null}
      <form id={`${id}-form`} hidden={!open} onSubmit={submit} noValidate className="panel-sub" data-testid="assumptions-form">
        <h3>{t('scn.as.segment')}</h3>
        <SegmentPicker value={segment} onChange={setSegment} locale={locale} />
        <h3>{t('scn.as.changes')}</h3>
        <datalist id={`${id}-companies`}>
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </datalist>
        <table className="data changes-table">
          <thead>
            <tr>
              <th scope="col">{t('scn.as.company')}</th>
              <th scope="col" className="num">{t('scn.as.from')}</th>
              <th scope="col" className="num">{t('scn.as.to')}</th>
              <th scope="col"><span className="sr-only">{t('scn.as.removeRow')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.key}>
                <td>
                  <input list={`${id}-companies`} value={row.companyId} onChange={(e) => update(row.key, { companyId: e.target.value })} aria-label={t('scn.as.companyN', { n: i + 1 })} data-testid={`change-company-${i}`} className="mono" />
                </td>
                <td className="num">
                  <input type="number" step="any" min={0} max={100} value={row.from} onChange={(e) => update(row.key, { from: e.target.value })} aria-label={t('scn.as.fromN', { n: i + 1 })} />
                </td>
                <td className="num">
                  <input type="number" step="any" min={0} max={100} value={row.to} onChange={(e) => update(row.key, { to: e.target.value })} aria-label={t('scn.as.toN', { n: i + 1 })} data-testid={`change-to-${i}`} />
                </td>
                <td>
                  <button type="button" className="btn" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))} aria-label={t('scn.as.removeN', { n: i + 1 })}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small muted">{t('scn.as.total', { total: Math.round(total * 100) / 100 })}</p>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setRows((all) => [...all, blankRow()])} data-testid="change-add">
            {t('scn.as.addRow')}
          </button>
          <button type="submit" className="btn primary" disabled={busy} data-testid="assumptions-save">
            {busy ? t('form.saving') : t('scn.as.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
