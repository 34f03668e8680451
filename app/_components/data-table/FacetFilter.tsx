'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { Translate } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import type { Locale } from '@/lib/collections/types';
import type { FacetOption, FacetValue } from './types';

interface FacetFilterProps {
  collectionId: string;
  id: string;
  title: string;
  /** The view's filters as a query string; counts honour them (except this facet's own). */
  filters: string;
  selected: string[];
  locale: Locale;
  t: Translate;
  labelOf: (option: FacetValue) => string;
  /** Values known without asking the server (an enum's): listed, as links, before the counts arrive. */
  known: readonly string[];
  /** The view with this value chosen, or unchosen when it is chosen. */
  hrefOf: (value: string) => string;
  follow: (event: React.MouseEvent<HTMLAnchorElement>) => void;
}

type Load = { state: 'idle' | 'loading' } | { state: 'done'; options: FacetOption[]; filters: string } | { state: 'error'; message: string };

/**
 * A multi-select dropdown of a facet's values, each a link to the view with that value chosen or unchosen
 * (so it works before hydration and without JavaScript, for the values known without the server). The
 * counts are fetched when it opens.
 */
export function FacetFilter({ collectionId, id, title, filters, selected, locale, t, labelOf, known, hrefOf, follow }: FacetFilterProps) {
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

  const options: FacetValue[] = load.state === 'done' ? load.options : known.map((value) => ({ value }));
  const shown = needle ? options.filter((o) => labelOf(o).toLowerCase().includes(needle.toLowerCase())) : options;
  const active = selected.length > 0;
  return (
    <details className={`facet${active ? ' active' : ''}`} data-testid={`facet-${id}`} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {title}
        {active ? <span className="facet-count">{selected.length}</span> : null}
      </summary>
      <div className="facet-menu" role="group" aria-label={title} aria-busy={load.state === 'loading'}>
        {load.state === 'loading' || (load.state === 'idle' && !known.length) ? <p className="muted small">{t('tbl.loading')}</p> : null}
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
                  {option.count === undefined ? null : <span className="facet-n">{formatNumber(option.count, locale, 0)}</span>}
                </li>
              );
            }
            const value = String(option.value);
            const chosen = selected.includes(value);
            return (
              <li key={value}>
                <a className="facet-option" href={hrefOf(value)} onClick={follow} aria-current={chosen ? 'true' : undefined}>
                  <span className="facet-check" aria-hidden="true">
                    {chosen ? '✓' : ''}
                  </span>
                  <span className="facet-label">{labelOf(option)}</span>
                  {option.count === undefined ? null : <span className="facet-n">{formatNumber(option.count, locale, 0)}</span>}
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </details>
  );
}
