'use client';

import { useId } from 'react';
import { LAYERS, REGIONS } from '@/lib/collections/companies';
import { BASES } from '@/lib/concentration/params';
import type { SegmentFields } from '@/lib/hypotheses/segment';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';

/** Basis, layer, region, other company filters and window of a concentration query, as form fields. */
export function SegmentPicker({ value, onChange, locale }: { value: SegmentFields; onChange: (next: SegmentFields) => void; locale: Locale }) {
  const t = translator(locale);
  const id = useId();
  const set = (key: keyof SegmentFields) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange({ ...value, [key]: e.target.value });
  return (
    <div className="seg-grid">
      <div className="form-field">
        <label htmlFor={`${id}-basis`}>{t('hyp.seg.basis')}</label>
        <select id={`${id}-basis`} value={value.basis} onChange={set('basis')}>
          {BASES.map((b) => (
            <option key={b} value={b}>
              {t(`hyp.basis.${b}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-layer`}>{t('hyp.seg.layer')}</label>
        <select id={`${id}-layer`} value={value.layer} onChange={set('layer')}>
          <option value="">{t('hyp.seg.any')}</option>
          {LAYERS.map((l) => (
            <option key={l} value={l}>
              {valueLabel(l, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-region`}>{t('hyp.seg.region')}</label>
        <select id={`${id}-region`} value={value.region} onChange={set('region')}>
          <option value="">{t('hyp.seg.any')}</option>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {valueLabel(r, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-from`}>{t('hyp.seg.from')}</label>
        <input id={`${id}-from`} value={value.from} onChange={set('from')} placeholder="2022" inputMode="numeric" aria-describedby={`${id}-window`} />
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-to`}>{t('hyp.seg.to')}</label>
        <input id={`${id}-to`} value={value.to} onChange={set('to')} placeholder={t('hyp.seg.open')} inputMode="numeric" aria-describedby={`${id}-window`} />
      </div>
      <div className="form-field wide">
        <label htmlFor={`${id}-filters`}>{t('hyp.seg.filters')}</label>
        <input id={`${id}-filters`} value={value.filters} onChange={set('filters')} placeholder="modality=text&country=US" className="mono" aria-describedby={`${id}-window`} />
        <small id={`${id}-window`} className="muted">
          {t('hyp.seg.hint')}
        </small>
      </div>
    </div>
  );
}
