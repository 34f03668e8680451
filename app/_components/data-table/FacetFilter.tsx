'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { Translate } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import type { Locale } from '@/lib/collections/types';
import type { FacetOption } from './types';

interface FacetFilterProps {
  collectionId: string;
  id: string;
  title: string;
  /** The view's filters as a query string; counts honour them (except this facet's own). */
  filters: string;
  selected: string[];
  locale: Locale;
  t: Translate;
  labelOf: (option: FacetOption) => string;
  onToggle: (value: string) => void;
}

type Load = { state: 'idle' | 'loading' } | { state: 'done'; options: FacetOption[]; filters: string } | { state: 'error'; message: string };

/** A multi-select dropdown of a facet's values; the counts are fetched when it opens. */
export function FacetFilter({ collectionId, id, title, filters, selected, locale, t, labelOf, onToggle }: FacetFilterProps) {
  const [open, setOpen] = useState(false);
  const [load, setLoad] = useState<Load>({ state: 'idle' });
  const [needle, setNeedle] = useState('');
  const inputId = useId();
  const loadedFor = useRef<string | null>(null);

  useEffect(() => {
    if (!open || loadedFor.current === filters) return;
    const controller = new AbortController();
    loadedFor.current = filters;
    setLoad((current) => (current.state === 'done' ? current : { state: 'loading' }));
    const query = new URLSearchParams(filters);
    query.append('facet', id);
    fetch(`/api/v1/${collectionId}/facets?${query}`, { signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json()) as { facets?: Record<string, FacetOption[]>; error?: { message: string } };
        if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
        setLoad({ state: 'done', options: body.facets?.[id] ?? [], filters });
      })
      .catch((error: Error) => {
        if (error.name === 'AbortError') return;
        loadedFor.current = null;
        setLoad({ state: 'error', message: error.message });
      });
    return () => {
      controller.abort();
      if (loadedFor.current === filters) loadedFor.current = null;
    };
  }, [open, filters, collectionId, id]);

  const options = load.state === 'done' ? load.options : [];
  const shown = needle ? options.filter((o) => labelOf(o).toLowerCase().includes(needle.toLowerCase())) : options;
  const active = selected.length > 0;
  return (
    <details className={`facet${active ? ' active' : ''}`} data-testid={`facet-${id}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {title}
        {active ? <span className="facet-count">{selected.length}</span> : null}
      </summary>
      <div className="facet-menu" role="group" aria-label={title} aria-busy={load.state === 'loading'}>
        {load.state === 'loading' || load.state === 'idle' ? <p className="muted small">{t('tbl.loading')}</p> : null}
        {load.state === 'error' ? (
          <p className="field-error small" role="alert">
            {load.message}
          </p>
        ) : null}
        {options.length > 8 ? (
          <>
            <label htmlFor={inputId} className="sr-only">
              {t('tbl.facet.search')}
            </label>
            <input id={inputId} type="search" placeholder={t('tbl.facet.search')} value={needle} onChange={(e) => setNeedle(e.target.value)} className="facet-search" />
          </>
        ) : null}
        <ul>
          {shown.map((option) => {
            if (option.value === null) {
              return (
                <li key="(null)" className="muted facet-null">
                  <span>{t('tbl.facet.none')}</span>
                  <span className="facet-n">{formatNumber(option.count, locale, 0)}</span>
                </li>
              );
            }
            const value = String(option.value);
            return (
              <li key={value}>
                <label>
                  <input type="checkbox" checked={selected.includes(value)} onChange={() => onToggle(value)} />
                  <span className="facet-label">{labelOf(option)}</span>
                  <span className="facet-n">{formatNumber(option.count, locale, 0)}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </div>
    </details>
  );
}
