'use client';

import { useId, useState } from 'react';
import type { Translate } from '@/lib/i18n';
import { formatNumber } from '@/lib/format';
import type { Locale } from '@/lib/collections/types';
import type { FacetOption } from './types';

interface FacetFilterProps {
  id: string;
  title: string;
  options: FacetOption[];
  selected: string[];
  locale: Locale;
  t: Translate;
  labelOf: (option: FacetOption) => string;
  onToggle: (value: string) => void;
}

/** A multi-select dropdown of a facet's values with their counts. */
export function FacetFilter({ id, title, options, selected, locale, t, labelOf, onToggle }: FacetFilterProps) {
  const [needle, setNeedle] = useState('');
  const inputId = useId();
  const shown = needle ? options.filter((o) => labelOf(o).toLowerCase().includes(needle.toLowerCase())) : options;
  const active = selected.length > 0;
  return (
    <details className={`facet${active ? ' active' : ''}`} data-testid={`facet-${id}`}>
      <summary>
        {title}
        {active ? <span className="facet-count">{selected.length}</span> : null}
      </summary>
      <div className="facet-menu" role="group" aria-label={title}>
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
            const value = option.value === null ? '' : String(option.value);
            if (option.value === null) {
              return (
                <li key="(null)" className="muted facet-null">
                  <span>{t('tbl.facet.none')}</span>
                  <span className="facet-n">{formatNumber(option.count, locale, 0)}</span>
                </li>
              );
            }
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
