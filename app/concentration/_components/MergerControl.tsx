'use client';

import { formatValue } from '@/app/_components/chart/format';
import type { MergerEffect } from '@/lib/concentration';
import { translator, type Locale } from '@/lib/i18n';
import { bandKey } from '../_lib/chart-helpers';
import { withValues } from '@/lib/query/view-state';
import { useUrlState } from '../../_components/url-state/useUrlState';

interface Props {
  locale: Locale;
  firms: { id: string; label: string; share: number }[];
  a: string;
  b: string;
  effect: MergerEffect | null;
  /** Why there is no effect to show (same firm twice, a firm not in the selection, too few firms). */
  message: string | null;
  intro: string;
}

/** "What if these two merged": pick two firms; the page computes ΔHHI from the URL. */
export function MergerControl({ locale, firms, a, b, effect, message, intro }: Props) {
  const t = translator(locale);
  const { pending, search, navigate } = useUrlState({ replace: true });
  const set = (changes: Record<string, string | null>) => navigate(withValues(search, changes));
  const select = (key: 'mergeA' | 'mergeB', value: string, label: string) => (
    <div className="conc-field">
      <label htmlFor={`m-${key}`}>{label}</label>
      <select id={`m-${key}`} value={value} onChange={(e) => set({ [key]: e.target.value })} disabled={firms.length < 2}>
        <option value="">{t('conc.merger.choose')}</option>
        {firms.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label} ({formatValue('percent', f.share, locale)})
          </option>
        ))}
      </select>
    </div>
  );
  const hhi = (v: number) => formatValue('hhi', v, locale);
  return (
    <section className="panel conc-merger" aria-labelledby="conc-merger" aria-busy={pending} data-testid="conc-merger">
      <h2 id="conc-merger">{t('conc.merger.title')}</h2>
      <p className="muted small">{intro}</p>
      {firms.length < 2 ? <p className="muted">{t('conc.merger.unavailable')}</p> : null}
      <div className="conc-fields">
        {select('mergeA', a, t('conc.merger.a'))}
        {select('mergeB', b, t('conc.merger.b'))}
        {a || b ? (
          <div className="conc-field conc-reset">
            <button type="button" className="btn" onClick={() => set({ mergeA: null, mergeB: null })}>
              {t('conc.merger.clear')}
            </button>
          </div>
        ) : null}
      </div>
      {message ? <p className="muted">{message}</p> : null}
      {effect ? (
        <dl className="conc-merger-result" aria-live="polite">
          <div>
            <dt>{t('conc.merger.before')}</dt>
            <dd>
              {hhi(effect.before)} <span className={`conc-band conc-band-${effect.bandBefore ?? 'none'}`}>{t(bandKey(effect.bandBefore))}</span>
            </dd>
          </div>
          <div>
            <dt>{t('conc.merger.delta')}</dt>
            <dd data-testid="merger-delta">+{hhi(effect.delta)}</dd>
          </div>
          <div>
            <dt>{t('conc.merger.after')}</dt>
            <dd>
              {hhi(effect.after)} <span className={`conc-band conc-band-${effect.bandAfter ?? 'none'}`}>{t(bandKey(effect.bandAfter))}</span>
            </dd>
          </div>
          <div>
            <dt>{t('conc.merger.combined')}</dt>
            <dd>{formatValue('percent', effect.mergedShare, locale)}</dd>
          </div>
        </dl>
      ) : null}
      {effect ? (
        <p className={effect.presumedHarm ? 'conc-verdict conc-verdict-harm' : 'conc-verdict conc-verdict-ok'} data-testid="merger-verdict">
          {effect.presumedHarm ? `⚠ ${t('conc.merger.presumed')}` : `✓ ${t('conc.merger.notPresumed')}`}
        </p>
      ) : null}
    </section>
  );
}
