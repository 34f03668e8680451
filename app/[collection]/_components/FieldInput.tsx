'use client';

import { useId } from 'react';
import type { Column } from '@/lib/collections/types';
import { LIST_SEPARATOR } from '@/lib/csv/cells';

/** The text an input shows for a stored value. */
export function fieldText(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'refs') return Array.isArray(value) ? value.join(LIST_SEPARATOR) : '';
  if (column.type === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** The typed value of an input's text; empty means "no value". */
export function parseField(column: Column, text: string): Parsed {
  if (column.type === 'refs') return { ok: true, value: text.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean) };
  if (text.trim() === '') return { ok: true, value: null };
  if (column.type === 'flag') return { ok: true, value: text === '1' ? 1 : 0 };
  if (column.type === 'integer' || column.type === 'money' || column.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'not a number' };
  }
  if (column.type === 'json') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, message: 'not valid JSON' };
    }
  }
  return { ok: true, value: text };
}

interface FieldInputProps {
  column: Column;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  options?: { id: string; name: string }[];
  emptyOption: string;
  enumLabel: (value: string) => string;
  onChange: (text: string) => void;
}

export function FieldInput({ column, label, value, error, hint, options, emptyOption, enumLabel, onChange }: FieldInputProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: column.id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;
  const wide = column.type === 'longtext' || column.type === 'json';
  let input: React.ReactNode;
  if (column.type === 'enum') {
    input = (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyOption}</option>
        {column.values?.map((v) => (
          <option key={v} value={v}>
            {enumLabel(v)}
          </option>
        ))}
      </select>
    );
  } else if (column.type === 'flag') {
    input = (
      <select {...common} value={value === '1' ? '1' : '0'} onChange={(e) => onChange(e.target.value)}>
        <option value="0">{enumLabel('0')}</option>
        <option value="1">{enumLabel('1')}</option>
      </select>
    );
  } else if (wide) {
    input = <textarea {...common} value={value} rows={column.type === 'json' ? 6 : 4} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const type = column.type === 'date' ? 'date' : column.type === 'url' ? 'url' : column.type === 'integer' || column.type === 'money' || column.type === 'number' ? 'number' : 'text';
    input = (
      <>
        <input {...common} type={type} step={column.type === 'number' ? 'any' : undefined} value={value} list={options ? `${id}-options` : undefined} onChange={(e) => onChange(e.target.value)} />
        {options ? (
          <datalist id={`${id}-options`}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </datalist>
        ) : null}
      </>
    );
  }
  return (
    <div className={`form-field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {input}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      ) : null}
    </div>
  );
}
