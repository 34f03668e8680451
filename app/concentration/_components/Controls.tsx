'use client';

import type { ReactNode } from 'react';
import { BASES, INTERVALS, type Basis } from '@/lib/concentration/choices'; // not the index, which loads zod
import { translator, type Locale, type MessageKey } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { withoutValue, withValues } from '@/lib/query/view-state';
import { useUrlState } from '../../_components/url-state/useUrlState';

export interface ControlState {
  basis: Basis;
  by: string;
  from: string;
  to: string;
  top: number;
  guidelines: string;
  interval: string;
  segment: string;
  period: string;
  shareBasis: string;
}

export interface FilterControl {
  /** The companies column (`layer`). */
  key: string;
  label: string;
  values: string[];
  /** The one chosen value, or '' (none, or several chosen: those show as chips). */
  value: string;
}

export interface Chip {
  key: string;
  value: string;
  label: string;
}

interface Props {
  locale: Locale;
  state: ControlState;
  filters: FilterControl[];
  chips: Chip[];
  segments: { segment: string; segment_zh: string | null; periods: string[]; bases: string[] }[];
}

const TOPS = [5, 8, 10, 15, 20, 30, 50];
/** Settings that change which firms are in the market; a merger pick may no longer apply. */
const MARKET = ['mergeA', 'mergeB'];

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="conc-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function Controls({ locale, state, filters, chips, segments }: Props) {
  const t = translator(locale);
  const { pending, search, navigate, href, follow } = useUrlState({ replace: true });
  const set = (changes: Record<string, string | null>, drop: readonly string[] = []) => navigate(withValues(search, changes, drop));
  const chosen = segments.find((s) => s.segment === state.segment);

  const changeBasis = (basis: Basis) => {
    const changes: Record<string, string | null> = { basis: basis === 'funding' ? null : basis };
    if (basis !== 'share') Object.assign(changes, { segment: null, period: null, shareBasis: null });
    else changes.segment = state.segment || segments[0]?.segment || null;
    if (basis === 'valuation' || basis === 'share') changes.by = null;
    set(changes, MARKET);
  };

  return (
    <section className="panel conc-controls" aria-labelledby="conc-settings" aria-busy={pending} data-testid="conc-controls">
      <div className="panel-head">
        <h2 id="conc-settings">{t('conc.settings')}</h2>
        <span className="muted small" aria-live="polite">
          {pending ? t('conc.updating') : ''}
        </span>
      </div>
      <div className="conc-fields">
        <Field id="c-basis" label={t('conc.basis')}>
          <select id="c-basis" value={state.basis} onChange={(e) => changeBasis(e.target.value as Basis)}>
            {BASES.map((b) => (
              <option key={b} value={b}>
                {t(`conc.basis.${b}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="c-by" label={t('conc.by')}>
          <select id="c-by" value={state.by} disabled={state.basis === 'valuation' || state.basis === 'share'} onChange={(e) => set({ by: e.target.value === 'company' ? null : e.target.value }, MARKET)}>
            <option value="company">{t('conc.by.company')}</option>
            <option value="investor">{t('conc.by.investor')}</option>
          </select>
        </Field>
        {state.basis === 'share' ? (
          <>
            <Field id="c-segment" label={t('conc.segment')}>
              <select id="c-segment" value={state.segment} onChange={(e) => set({ segment: e.target.value, period: null, shareBasis: null }, MARKET)}>
                {segments.length === 0 ? <option value="">—</option> : null}
                {segments.map((s) => (
                  <option key={s.segment} value={s.segment}>
                    {locale === 'zh' && s.segment_zh ? s.segment_zh : s.segment}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="c-period" label={t('conc.period')}>
              <select id="c-period" value={state.period} onChange={(e) => set({ period: e.target.value }, MARKET)}>
                <option value="">{t('conc.period.latest')}</option>
                {(chosen?.periods ?? []).map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </Field>
            {(chosen?.bases.length ?? 0) > 1 || state.shareBasis ? (
              <Field id="c-share-basis" label={t('conc.shareBasis')}>
                <select id="c-share-basis" value={state.shareBasis} onChange={(e) => set({ shareBasis: e.target.value }, MARKET)}>
                  <option value="">{t('conc.shareBasis.any')}</option>
                  {(chosen?.bases ?? []).map((b) => (
                    <option key={b} value={b}>
                      {valueLabel(b, locale)}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
          </>
        ) : null}
        {filters.map((f) => (
          <Field key={f.key} id={`c-${f.key}`} label={f.label}>
            <select id={`c-${f.key}`} value={f.value} onChange={(e) => set({ [f.key]: e.target.value }, MARKET)}>
              <option value="">{t('conc.all')}</option>
              {f.values.map((v) => (
                <option key={v} value={v}>
                  {valueLabel(v, locale)}
                </option>
              ))}
            </select>
          </Field>
        ))}
        <Field id="c-from" label={t('conc.from')}>
          <input id="c-from" type="date" value={state.from} max={state.to || undefined} onChange={(e) => set({ from: e.target.value }, MARKET)} />
        </Field>
        <Field id="c-to" label={t('conc.to')}>
          <input id="c-to" type="date" value={state.to} min={state.from || undefined} onChange={(e) => set({ to: e.target.value }, MARKET)} />
        </Field>
        <Field id="c-top" label={t('conc.top')}>
          <select id="c-top" value={state.top} onChange={(e) => set({ top: e.target.value === '10' ? null : e.target.value })}>
            {TOPS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field id="c-interval" label={t('conc.interval')}>
          <select id="c-interval" value={state.interval} onChange={(e) => set({ interval: e.target.value === 'year' ? null : e.target.value })}>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {t(`conc.interval.${i}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="c-guidelines" label={t('conc.guidelines')}>
          <select id="c-guidelines" value={state.guidelines} onChange={(e) => set({ guidelines: e.target.value === '2023' ? null : e.target.value })}>
            <option value="2023">{t('conc.guidelines.2023')}</option>
            <option value="2010">{t('conc.guidelines.2010')}</option>
          </select>
        </Field>
        <div className="conc-field conc-reset">
          <a className="btn" href={href(new URLSearchParams())} onClick={follow}>
            {t('conc.reset')}
          </a>
        </div>
      </div>
      {chips.length ? (
        <div className="conc-chips">
          <span className="muted small">{t('conc.otherFilters')}:</span>
          <ul className="chips">
            {chips.map((c) => (
              <li key={`${c.key}=${c.value}`}>
                <a className="chip" href={href(withoutValue(search, c.key, c.value))} onClick={follow} aria-label={t('conc.removeFilter', { name: c.label })}>
                  {c.label} ×
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
