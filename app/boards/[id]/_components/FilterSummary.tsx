import { BOARD_FILTERS, type BoardFilter } from '@/lib/boards/filters';
import { translator, type Locale } from '@/lib/i18n';
import { valueLabel } from '@/lib/i18n/values';
import type { Choice } from './BoardFilterForm';
import { filterLabel } from './filter-label';

/** A filter's value as people read it (an investor by name, a layer in the interface's language). */
function shown(filter: BoardFilter, value: string, investors: readonly Choice[], locale: Locale): string {
  if (filter === 'layer' || filter === 'region') return valueLabel(value, locale);
  if (filter === 'investor') return investors.find((i) => i.value === value)?.label ?? value;
  return value;
}

/** The filters in force as one line: on share views, where the form is left out, and on paper. */
export function FilterSummary({ values, investors, locale, printOnly = false }: { values: Partial<Record<BoardFilter, string>>; investors: readonly Choice[]; locale: Locale; printOnly?: boolean }) {
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
