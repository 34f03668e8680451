'use client';

import { useEffect, useId, useState } from 'react';
import { EVIDENCE_TARGETS } from '@/lib/hypotheses/stances';
import { targetLabel } from '@/lib/hypotheses/evidence';
import { translator, type Locale } from '@/lib/i18n';

export interface PickedRow {
  collection: string;
  id: string;
  label: string;
}

/** Pick a row of a citable collection: choose the table, type to search it, pick one of the matches. */
export function RowSearch({ value, onChange, locale, targetLabels }: { value: PickedRow | null; onChange: (row: PickedRow | null) => void; locale: Locale; targetLabels: Record<string, string> }) {
  const t = translator(locale);
  const id = useId();
  const [collection, setCollection] = useState<string>(value?.collection ?? 'companies');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PickedRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/v1/${collection}?q=${encodeURIComponent(q)}&pageSize=8`, { signal: controller.signal });
        const body = (await response.json()) as { rows?: Record<string, unknown>[]; error?: { message: string } };
        if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
        setError(null);
        setResults((body.rows ?? []).map((row) => ({ collection, id: String(row.id), label: targetLabel(collection, row, locale) })));
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      }
    }, 250);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [collection, query, locale]);

  const shown = query.trim() ? results : [];
  return (
    <div className="row-search">
      <div className="seg-grid">
        <div className="form-field">
          <label htmlFor={`${id}-table`}>{t('hyp.ev.table')}</label>
          <select
            id={`${id}-table`}
            value={collection}
            onChange={(e) => {
              setCollection(e.target.value);
              setResults([]);
              onChange(null);
            }}
          >
            {EVIDENCE_TARGETS.map((c) => (
              <option key={c} value={c}>
                {targetLabels[c] ?? c}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-q`}>{t('hyp.ev.search')}</label>
          <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('hyp.ev.searchHint')} autoComplete="off" data-testid="evidence-search" />
        </div>
      </div>
      {error ? <p className="field-error">{error}</p> : null}
      {shown.length ? (
        <ul className="pick-list" aria-label={t('hyp.ev.matches')}>
          {shown.map((row) => (
            <li key={row.id}>
              <button type="button" className="btn" aria-pressed={value?.id === row.id && value.collection === row.collection} onClick={() => onChange(row)}>
                {row.label} <span className="muted mono small">{row.id}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : query.trim() && !error ? (
        <p className="muted small">{t('hyp.ev.noMatch')}</p>
      ) : null}
      <p className="small" aria-live="polite" data-testid="evidence-picked">
        {value ? t('hyp.ev.picked', { label: value.label }) : t('hyp.ev.nothingPicked')}
      </p>
    </div>
  );
}
