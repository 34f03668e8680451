'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { Collection, Locale } from '@/lib/collections/types';
import type { Translate } from '@/lib/i18n';
import { filtersOf, withoutFilters, withoutValue, withToggledValue, withValues } from '@/lib/query/view-state';
import type { UrlState } from '../url-state/useUrlState';
import { FacetFilter } from './FacetFilter';
import { HiddenParams } from './HiddenParams';
import { RangeFilter } from './RangeFilter';
import { chipsOf, facetTitle, optionLabel } from './filter-labels';

interface FilterBarProps {
  collection: Collection;
  facetKeys: string[];
  selectedNames: Record<string, { name: string; name_zh?: string | null }>;
  locale: Locale;
  t: Translate;
  url: UrlState;
}

const dateColumn = (collection: Collection) => collection.columns.find((c) => c.type === 'date' && c.filter === 'range');

export function FilterBar(props: FilterBarProps) {
  const { collection, facetKeys, locale, t, url } = props;
  const { search, navigate, href, follow } = url;
  const filters = filtersOf(search).toString();
  const searchId = useId();
  const urlQ = search.get('q') ?? '';
  const [q, setQ] = useState(urlQ);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setQ(urlQ), [urlQ]);

  const searchFor = (text: string) => navigate(withValues(search, { q: text.trim() ? text : null }), { replace: true });
  const onSearch = (text: string) => {
    setQ(text);
    if (typing.current) clearTimeout(typing.current);
    typing.current = setTimeout(() => searchFor(text), 300);
  };
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (typing.current) clearTimeout(typing.current);
    searchFor(q);
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
  // The view with one facet value chosen or unchosen; a year is the dated column's range over that year.
  const toggled = (key: string, value: string): URLSearchParams => {
    if (key !== 'year' || !dated) return withToggledValue(search, key, value);
    const already = selectedOf('year').includes(value);
    return withValues(search, { [`${dated.id}__gte`]: already ? null : `${value}-01-01`, [`${dated.id}__lte`]: already ? null : `${value}-12-31` });
  };

  const rangeColumns = collection.columns.filter((c) => c.filter === 'range' && c.type !== 'timestamp');

  return (
    <div className="filter-bar">
      <div className="filter-row">
        <form method="get" className="search-form" onSubmit={onSubmit}>
          <HiddenParams search={search} except={['q', 'page']} />
          <label htmlFor={searchId} className="sr-only">
            {t('tbl.search')}
          </label>
          <input
            id={searchId}
            type="search"
            name="q"
            className="search-box"
            placeholder={t('tbl.searchPlaceholder', { collection: collection.label[locale] })}
            value={q}
            onChange={(e) => onSearch(e.target.value)}
            data-testid="table-search"
          />
        </form>
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
            known={collection.columns.find((c) => c.id === key && c.type === 'enum')?.values ?? []}
            hrefOf={(value) => href(toggled(key, value))}
            follow={follow}
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
                  onApply={(min, max) => navigate(withValues(search, { [`${column.id}__gte`]: min || null, [`${column.id}__lte`]: max || null }))}
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

function Chips({ collection, locale, t, url, selectedNames }: FilterBarProps) {
  const { search, href, follow } = url;
  const chips = chipsOf(collection, search, selectedNames, locale, t);
  if (!chips.length) return null;
  return (
        <ul className="chips" aria-label={t('tbl.filters')}>
          {chips.map((chip) => (
            <li key={`${chip.key}=${chip.value}`}>
              <a className="chip" href={href(withoutValue(search, chip.key, chip.value))} onClick={follow} aria-label={t('tbl.clearFilter', { name: chip.text })}>
                {chip.text} <span aria-hidden="true">×</span>
              </a>
            </li>
          ))}
          <li>
            <a className="chip-clear" href={href(withoutFilters(search))} onClick={follow} data-testid="clear-filters">
              {t('tbl.clearAll')}
            </a>
          </li>
        </ul>
  );
}
