'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { Collection, Locale } from '@/lib/collections/types';
import type { Translate } from '@/lib/i18n';
import { FacetFilter } from './FacetFilter';
import { RangeFilter } from './RangeFilter';
import { chipsOf, facetTitle, optionLabel } from './filter-labels';

interface FilterBarProps {
  collection: Collection;
  facetKeys: string[];
  selectedNames: Record<string, { name: string; name_zh?: string | null }>;
  search: URLSearchParams;
  locale: Locale;
  t: Translate;
  update: (edit: (params: URLSearchParams) => void, options?: { replace?: boolean }) => void;
}

const dateColumn = (collection: Collection) => collection.columns.find((c) => c.type === 'date' && c.filter === 'range');

export function FilterBar(props: FilterBarProps) {
  const { collection, facetKeys, search, locale, t, update } = props;
  const filters = filterQuery(search);
  const searchId = useId();
  const urlQ = search.get('q') ?? '';
  const [q, setQ] = useState(urlQ);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setQ(urlQ), [urlQ]);

  const onSearch = (text: string) => {
    setQ(text);
    if (typing.current) clearTimeout(typing.current);
    typing.current = setTimeout(() => update((p) => (text.trim() ? p.set('q', text) : p.delete('q')), { replace: true }), 300);
  };

  const dated = dateColumn(collection);
  const selectedOf = (key: string): string[] => {
    if (key === 'year' && dated) {
      const from = search.get(`${dated.id}__gte`) ?? '';
      const to = search.get(`${dated.id}__lte`) ?? '';
      return from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31` ? [from.slice(0, 4)] : [];
    }
    return search.getAll(key);
  };
  const toggle = (key: string, value: string) =>
    update((p) => {
      if (key === 'year' && dated) {
        const already = selectedOf('year').includes(value);
        p.delete(`${dated.id}__gte`);
        p.delete(`${dated.id}__lte`);
        if (!already) {
          p.set(`${dated.id}__gte`, `${value}-01-01`);
          p.set(`${dated.id}__lte`, `${value}-12-31`);
        }
        return;
      }
      const values = p.getAll(key);
      p.delete(key);
      const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
      for (const v of next) p.append(key, v);
    });

  const rangeColumns = collection.columns.filter((c) => c.filter === 'range' && c.type !== 'timestamp');

  return (
    <div className="filter-bar">
      <div className="filter-row">
        <label htmlFor={searchId} className="sr-only">
          {t('tbl.search')}
        </label>
        <input
          id={searchId}
          type="search"
          className="search-box"
          placeholder={t('tbl.searchPlaceholder', { collection: collection.label[locale] })}
          value={q}
          onChange={(e) => onSearch(e.target.value)}
          data-testid="table-search"
        />
        {facetKeys.map((key) => (
          <FacetFilter
            key={key}
            collectionId={collection.id}
            id={key}
            title={facetTitle(collection, key, locale, t)}
            filters={filters}
            selected={selectedOf(key)}
            locale={locale}
            t={t}
            labelOf={(o) => optionLabel(collection, key, o, locale)}
            onToggle={(value) => toggle(key, value)}
          />
        ))}
        {rangeColumns.length ? (
          <details className="facet" data-testid="range-filters">
            <summary>{t('tbl.filters')} …</summary>
            <div className="facet-menu range-menu">
              {rangeColumns.map((column) => (
                <RangeFilter
                  key={`${column.id}:${search.get(`${column.id}__gte`) ?? ''}:${search.get(`${column.id}__lte`) ?? ''}`}
                  column={column}
                  title={column.label[locale]}
                  min={search.get(`${column.id}__gte`) ?? ''}
                  max={search.get(`${column.id}__lte`) ?? ''}
                  t={t}
                  onApply={(min, max) =>
                    update((p) => {
                      p.delete(`${column.id}__gte`);
                      p.delete(`${column.id}__lte`);
                      if (min) p.set(`${column.id}__gte`, min);
                      if (max) p.set(`${column.id}__lte`, max);
                    })
                  }
                />
              ))}
            </div>
          </details>
        ) : null}
      </div>
      <Chips {...props} />
    </div>
  );
}

/** The view's filters only (no paging, sorting or columns): what facet counts depend on. */
function filterQuery(search: URLSearchParams): string {
  const params = new URLSearchParams(search.toString());
  for (const key of ['page', 'pageSize', 'sort', 'order', 'columns']) params.delete(key);
  return params.toString();
}

function Chips({ collection, search, locale, t, update, selectedNames }: FilterBarProps) {
  const chips = chipsOf(collection, search, selectedNames, locale, t);
  if (!chips.length) return null;
  return (
        <ul className="chips" aria-label={t('tbl.filters')}>
          {chips.map((chip) => (
            <li key={`${chip.key}=${chip.value}`}>
              <button
                type="button"
                className="chip"
                aria-label={t('tbl.clearFilter', { name: chip.text })}
                onClick={() =>
                  update((p) => {
                    const rest = p.getAll(chip.key).filter((v) => v !== chip.value);
                    p.delete(chip.key);
                    for (const v of rest) p.append(chip.key, v);
                  })
                }
              >
                {chip.text} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="chip-clear" onClick={() => update((p) => [...p.keys()].forEach((k) => !['sort', 'order', 'pageSize', 'columns'].includes(k) && p.delete(k)))} data-testid="clear-filters">
              {t('tbl.clearAll')}
            </button>
          </li>
        </ul>
  );
}
