'use client';

import Link from 'next/link';
import { translator, type Locale } from '@/lib/i18n';
import { filterLabel } from './filter-label';

// The board's filters as a plain GET form on the board's own URL, so it works without JavaScript. It shows the
// filters in force; an emptied field is sent as `name=`, which clears a default stored with the board. A client
// component fed with data, not a server-rendered tree of options: docs/decisions/023.

export interface Choice {
  value: string;
  label: string;
}

export interface FilterFormProps {
  action: string;
  /** The values the fields show: the filters in force, or what the URL said when it was refused. */
  values: Partial<Record<string, string>>;
  /** The filters stored with the board (for "Clear" and "Board's defaults"). */
  stored: string[];
  choices: { layer: Choice[]; region: Choice[]; investor: Choice[] };
  locale: Locale;
}

export function BoardFilterForm({ action, values, stored, choices, locale }: FilterFormProps) {
  const t = translator(locale);
  // "Clear" turns every filter off, the board's stored defaults included; "defaults" goes back to them.
  const clearHref = stored.length ? `${action}?${stored.map((f) => `${f}=`).join('&')}` : action;
  const investors = values.investor && !choices.investor.some((c) => c.value === values.investor) ? [...choices.investor, { value: values.investor, label: values.investor }] : choices.investor;
  const select = (name: 'layer' | 'region' | 'investor', options: Choice[]) => (
    <label className="board-filter">
      <span>{filterLabel(name, locale)}</span>
      <select name={name} defaultValue={values[name] ?? ''} data-testid={`board-filter-${name}`}>
        <option value="">{t('board.filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const year = (name: 'from' | 'to') => (
    <label className="board-filter board-filter-year">
      <span>{filterLabel(name, locale)}</span>
      <input name={name} type="text" inputMode="numeric" pattern="[0-9]{4}" maxLength={4} size={5} placeholder="YYYY" title={t('board.filters.year')} defaultValue={values[name] ?? ''} data-testid={`board-filter-${name}`} />
    </label>
  );
  return (
    <form className="board-filters" method="get" action={action} aria-labelledby="board-filters-title" data-testid="board-filters">
      <h2 id="board-filters-title" className="sr-only">
        {t('board.filters.title')}
      </h2>
      {select('layer', choices.layer)}
      {select('region', choices.region)}
      <label className="board-filter">
        <span>{filterLabel('country', locale)}</span>
        <input name="country" type="text" maxLength={80} size={6} placeholder="CN" title={t('board.filters.countryHint')} defaultValue={values.country ?? ''} data-testid="board-filter-country" />
      </label>
      {select('investor', investors)}
      {year('from')}
      {year('to')}
      <div className="board-filter-actions">
        <button type="submit" className="btn primary" data-testid="board-filter-apply">
          {t('board.filters.apply')}
        </button>
        <Link className="btn" href={clearHref} data-testid="board-filter-clear">
          {t('board.filters.clear')}
        </Link>
        {stored.length ? (
          <Link className="btn" href={action}>
            {t('board.filters.defaults')}
          </Link>
        ) : null}
      </div>
      <p className="board-filters-intro small muted">{t('board.filters.intro')}</p>
    </form>
  );
}
