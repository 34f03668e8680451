'use client';

import type { Column, Locale } from '@/lib/collections/types';
import type { Translate } from '@/lib/i18n';

interface ColumnChooserProps {
  columns: Column[];
  visible: string[];
  locale: Locale;
  t: Translate;
  onChange: (visible: string[] | null) => void;
}

/** Show, hide and order the table's columns; the result goes to the URL as `columns=`. */
export function ColumnChooser({ columns, visible, locale, t, onChange }: ColumnChooserProps) {
  const ordered = [...visible.map((id) => columns.find((c) => c.id === id)).filter((c): c is Column => Boolean(c)), ...columns.filter((c) => !visible.includes(c.id))];
  const toggle = (id: string) => onChange(visible.includes(id) ? visible.filter((v) => v !== id) : [...visible, id]);
  const move = (id: string, delta: number) => {
    const index = visible.indexOf(id);
    const target = index + delta;
    if (index < 0 || target < 0 || target >= visible.length) return;
    const next = [...visible];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };
  return (
    <details className="facet columns-chooser" data-testid="column-chooser">
      <summary>{t('tbl.columns')}</summary>
      <div className="facet-menu">
        <ul>
          {ordered.map((column) => {
            const name = column.label[locale];
            const shown = visible.includes(column.id);
            return (
              <li key={column.id} className="column-item">
                <label>
                  <input type="checkbox" checked={shown} onChange={() => toggle(column.id)} disabled={shown && visible.length === 1} />
                  <span className="facet-label">{name}</span>
                </label>
                {shown ? (
                  <span className="column-move">
                    <button type="button" className="icon-btn" onClick={() => move(column.id, -1)} aria-label={t('tbl.columns.up', { name })}>↑</button>
                    <button type="button" className="icon-btn" onClick={() => move(column.id, 1)} aria-label={t('tbl.columns.down', { name })}>↓</button>
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
        <button type="button" className="btn" onClick={() => onChange(null)}>
          {t('tbl.columns.reset')}
        </button>
      </div>
    </details>
  );
}
