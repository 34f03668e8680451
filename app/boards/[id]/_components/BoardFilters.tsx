import Link from 'next/link';
import { BOARD_FILTERS, type BoardFilter } from '@/lib/boards/filters';
import { LAYERS, REGIONS } from '@/lib/collections/companies';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import { filterLabel } from './TileCard';

export interface InvestorOption {
  id: string;
  name: string;
}

type Values = Partial<Record<BoardFilter, string>>;

/** A filter's value as people read it (an investor by name, a layer in the interface's language). */
function shown(filter: BoardFilter, value: string, investors: readonly InvestorOption[], locale: Locale): string {
  if (filter === 'layer' || filter === 'region') return valueLabel(value, locale);
  if (filter === 'investor') return investors.find((i) => i.id === value)?.name ?? value;
  return value;
}

/** The filters in force, as one line (share views, where the form is left out). */
export function FilterSummary({ values, investors, locale, printOnly = false }: { values: Values; investors: readonly InvestorOption[]; locale: Locale; printOnly?: boolean }) {
  const t = translator(locale);
  const set = BOARD_FILTERS.filter((f) => values[f]);
  return (
    <p className={`board-filter-summary small${printOnly ? ' print-only' : ''}`} data-testid={printOnly ? undefined : 'board-filter-summary'}>
      {set.length ? (
        <>
          <span className="muted">{t('board.filters.inForce')}:</span> {set.map((f) => `${filterLabel(f, locale)} = ${shown(f, values[f] ?? '', investors, locale)}`).join('; ')}
        </>
      ) : (
        <span className="muted">{t('board.filters.none')}</span>
      )}
    </p>
  );
}

/**
 * The board's filters as a plain GET form on the board's own URL, so it works without JavaScript. It shows the
 * filters in force; an emptied field is sent as `name=`, which clears a default stored with the board.
 */
export function BoardFilterForm({ action, values, stored, investors, locale }: { action: string; values: Values; stored: Values; investors: readonly InvestorOption[]; locale: Locale }) {
  const t = translator(locale);
  const storedKeys = BOARD_FILTERS.filter((f) => stored[f]);
  // "Clear" turns every filter off, the board's stored defaults included; "defaults" goes back to them.
  const clearHref = storedKeys.length ? `${action}?${storedKeys.map((f) => `${f}=`).join('&')}` : action;
  const investorOptions = values.investor && !investors.some((i) => i.id === values.investor) ? [...investors, { id: values.investor, name: values.investor }] : investors;
  const select = (filter: 'layer' | 'region', options: readonly string[]) => (
    <label className="board-filter">
      <span>{filterLabel(filter, locale)}</span>
      <select name={filter} defaultValue={values[filter] ?? ''} data-testid={`board-filter-${filter}`}>
        <option value="">{t('board.filters.any')}</option>
        {options.map((v) => (
          <option key={v} value={v}>
            {valueLabel(v, locale)}
          </option>
        ))}
      </select>
    </label>
  );
  const year = (filter: 'from' | 'to') => (
    <label className="board-filter board-filter-year">
      <span>{filterLabel(filter, locale)}</span>
      <input name={filter} type="text" inputMode="numeric" pattern="[0-9]{4}" maxLength={4} size={5} placeholder="YYYY" title={t('board.filters.year')} defaultValue={values[filter] ?? ''} data-testid={`board-filter-${filter}`} />
    </label>
  );
  return (
    <form className="board-filters" method="get" action={action} aria-labelledby="board-filters-title" data-testid="board-filters">
      <h2 id="board-filters-title" className="sr-only">
        {t('board.filters.title')}
      </h2>
      {select('layer', LAYERS)}
      {select('region', REGIONS)}
      <label className="board-filter">
        <span>{filterLabel('country', locale)}</span>
        <input name="country" type="text" maxLength={80} size={6} placeholder="CN" title={t('board.filters.countryHint')} defaultValue={values.country ?? ''} data-testid="board-filter-country" />
      </label>
      <label className="board-filter">
        <span>{filterLabel('investor', locale)}</span>
        <select name="investor" defaultValue={values.investor ?? ''} data-testid="board-filter-investor">
          <option value="">{t('board.filters.any')}</option>
          {investorOptions.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      {year('from')}
      {year('to')}
      <div className="board-filter-actions">
        <button type="submit" className="btn primary" data-testid="board-filter-apply">
          {t('board.filters.apply')}
        </button>
        <Link className="btn" href={clearHref} data-testid="board-filter-clear">
          {t('board.filters.clear')}
        </Link>
        {storedKeys.length ? (
          <Link className="btn" href={action}>
            {t('board.filters.defaults')}
          </Link>
        ) : null}
      </div>
      <p className="board-filters-intro small muted">{t('board.filters.intro')}</p>
    </form>
  );
}
