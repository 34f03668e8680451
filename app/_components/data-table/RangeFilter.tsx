'use client';

import { useState } from 'react';
import type { Column } from '@/lib/collections/types';
import type { Translate } from '@/lib/i18n';

interface RangeFilterProps {
  column: Column;
  title: string;
  min: string;
  max: string;
  t: Translate;
  onApply: (min: string, max: string) => void;
}

/** Inclusive min/max inputs for a number or date column; applied on Enter or with the button. */
export function RangeFilter({ column, title, min, max, t, onApply }: RangeFilterProps) {
  const [low, setLow] = useState(min);
  const [high, setHigh] = useState(max);
  const type = column.type === 'date' ? 'date' : 'number';
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    onApply(low.trim(), high.trim());
  };
  return (
    <form className="range" onSubmit={submit} data-testid={`range-${column.id}`}>
      <fieldset>
        <legend>{title}</legend>
        <label>
          <span className="sr-only">{`${title} ${t('tbl.range.min')}`}</span>
          <input type={type} inputMode={type === 'number' ? 'decimal' : undefined} placeholder={t('tbl.range.min')} value={low} onChange={(e) => setLow(e.target.value)} name={`${column.id}__gte`} />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="sr-only">{`${title} ${t('tbl.range.max')}`}</span>
          <input type={type} inputMode={type === 'number' ? 'decimal' : undefined} placeholder={t('tbl.range.max')} value={high} onChange={(e) => setHigh(e.target.value)} name={`${column.id}__lte`} />
        </label>
        <button type="submit" className="btn">
          {t('tbl.range.apply')}
        </button>
      </fieldset>
    </form>
  );
}
