'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { METRICS } from '@/lib/concentration/report';
import { DIRECTIONS, indicatorParams, type HypothesisIndicator } from '@/lib/hypotheses/indicator';
import { EMPTY_SEGMENT, segmentFromParams, segmentToParams, type SegmentFields } from '@/lib/hypotheses/segment';
import { translator, type Locale } from '@/lib/i18n';
import { describeProblem, sendJson } from './api';
import { SegmentPicker } from './SegmentPicker';

interface Props {
  hypothesisId: string;
  locale: Locale;
  /** The stored indicator, when it reads as one. */
  initial: Partial<HypothesisIndicator> | null;
}

/** Set, change or remove a hypothesis's indicator: a concentration query, a metric and a threshold. */
export function IndicatorEditor({ hypothesisId, locale, initial }: Props) {
  const t = translator(locale);
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [segment, setSegment] = useState<SegmentFields>(() =>
    initial ? segmentFromParams(indicatorParams({ basis: initial.basis ?? 'funding', filters: initial.filters, from: initial.from, to: initial.to })) : { ...EMPTY_SEGMENT, layer: 'foundation' },
  );
  const [metric, setMetric] = useState<string>(initial?.metric ?? 'cr4');
  const [threshold, setThreshold] = useState(initial?.threshold === undefined ? '' : String(initial.threshold));
  const [direction, setDirection] = useState<string>(initial?.direction ?? 'above');
  const [labelEn, setLabelEn] = useState(initial?.label?.en ?? '');
  const [labelZh, setLabelZh] = useState(initial?.label?.zh ?? '');
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (indicator: unknown) => {
    setBusy(true);
    setStatus(null);
    const result = await sendJson(`/api/v1/hypotheses/${encodeURIComponent(hypothesisId)}`, 'PATCH', { indicator });
    setBusy(false);
    if (!result.ok) return setStatus({ kind: 'error', text: describeProblem(result) });
    setStatus({ kind: 'ok', text: indicator === null ? t('hyp.ind.removed') : t('hyp.ind.saved') });
    setOpen(false);
    router.refresh();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const value = Number(threshold);
    if (threshold.trim() === '' || !Number.isFinite(value)) return setStatus({ kind: 'error', text: t('hyp.ind.needThreshold') });
    const label = labelEn.trim() ? { en: labelEn.trim(), zh: labelZh.trim() || null } : undefined;
    void save({ query: segmentToParams(segment).toString(), metric, threshold: value, direction, ...(label ? { label } : {}) });
  };

  return (
    <div className="indicator-editor">
      <div className="toolbar-actions">
        <button type="button" className="btn" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((v) => !v)} data-testid="indicator-edit">
          {initial ? t('hyp.ind.edit') : t('hyp.ind.set')}
        </button>
        {initial ? (
          <button type="button" className="btn danger" disabled={busy} onClick={() => void save(null)} data-testid="indicator-remove">
            {t('hyp.ind.remove')}
          </button>
        ) : null}
      </div>
      {status ? (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error-box' : 'notice'}>
          {status.text}
        </p>
      ) : null}
      <form id={`${id}-form`} hidden={!open} onSubmit={submit} className="panel-sub" data-testid="indicator-form" noValidate>
        <SegmentPicker value={segment} onChange={setSegment} locale={locale} />
        <div className="seg-grid">
          <div className="form-field">
            <label htmlFor={`${id}-metric`}>{t('hyp.ind.metric')}</label>
            <select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.target.value)}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`hyp.metric.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-direction`}>{t('hyp.ind.direction')}</label>
            <select id={`${id}-direction`} value={direction} onChange={(e) => setDirection(e.target.value)}>
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`hyp.dir.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-threshold`}>{t('hyp.ind.threshold')}</label>
            <input id={`${id}-threshold`} type="number" step="any" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
          </div>
          <div className="form-field wide">
            <label htmlFor={`${id}-label-en`}>{t('hyp.ind.labelEn')}</label>
            <input id={`${id}-label-en`} value={labelEn} maxLength={200} onChange={(e) => setLabelEn(e.target.value)} />
          </div>
          <div className="form-field wide">
            <label htmlFor={`${id}-label-zh`}>{t('hyp.ind.labelZh')}</label>
            <input id={`${id}-label-zh`} value={labelZh} maxLength={200} lang="zh-CN" onChange={(e) => setLabelZh(e.target.value)} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy} data-testid="indicator-save">
            {busy ? t('form.saving') : t('hyp.ind.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
