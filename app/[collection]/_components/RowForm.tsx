'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { getCollection } from '@/lib/collections';
import { issuesOf, rowSchemas } from '@/lib/collections/schemas';
import type { Column, Locale, Row } from '@/lib/collections/types';
import { translator } from '@/lib/i18n';
import { flagLabel, valueLabel } from '@/lib/i18n/values';
import { FieldInput, fieldText, parseField } from './FieldInput';

export interface RefOption {
  id: string;
  name: string;
}

interface RowFormProps {
  collectionId: string;
  locale: Locale;
  initial: Row | null;
  refOptions: Record<string, RefOption[]>;
}

/** Create or edit a row of any collection; validated with the registry's schemas, then by the API. */
export function RowForm({ collectionId, locale, initial, refOptions }: RowFormProps) {
  const collection = getCollection(collectionId);
  const t = translator(locale);
  const router = useRouter();
  const editable = collection.columns.filter((c) => !c.readOnly && !(initial && c.id === 'id'));
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(editable.map((c) => [c.id, fieldText(c, initial?.[c.id])])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const body = () => {
    const out: Record<string, unknown> = {};
    const problems: Record<string, string> = {};
    for (const column of editable) {
      const text = values[column.id] ?? '';
      if (initial && text === fieldText(column, initial[column.id])) continue;
      if (!initial && text === '') continue;
      const parsed = parseField(column, text);
      if (parsed.ok) out[column.id] = parsed.value;
      else problems[column.id] = parsed.message;
    }
    return { out, problems };
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const { out, problems } = body();
    const checked = rowSchemas(collection)[initial ? 'update' : 'create'].safeParse(out);
    const issues = checked.success ? [] : issuesOf(checked.error);
    const all = { ...Object.fromEntries(issues.map((i) => [i.path, i.message])), ...problems };
    setErrors(all);
    if (Object.keys(all).length) return setFormError(t('form.invalid'));
    setSaving(true);
    setFormError(null);
    const url = initial ? `/api/v1/${collection.id}/${encodeURIComponent(initial.id)}` : `/api/v1/${collection.id}`;
    const response = await fetch(url, { method: initial ? 'PATCH' : 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(out) });
    const reply = (await response.json().catch(() => null)) as (Row & { error?: { message: string; issues?: { path: string; message: string }[] } }) | null;
    setSaving(false);
    if (!response.ok) {
      setErrors(Object.fromEntries((reply?.error?.issues ?? []).map((i) => [i.path, i.message])));
      return setFormError(t('form.error', { message: reply?.error?.message ?? `HTTP ${response.status}` }));
    }
    router.push(`/${collection.id}/${encodeURIComponent(reply?.id ?? initial?.id ?? '')}`);
    router.refresh();
  };

  const labelFor = (column: Column) => `${column.label[locale]}${column.required ? ` (${t('form.required')})` : ''}`;
  return (
    <form className="row-form panel" onSubmit={submit} noValidate data-testid="row-form">
      {formError ? (
        <p className="error-box" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-grid">
        {editable.map((column) => (
          <FieldInput
            key={column.id}
            column={column}
            label={labelFor(column)}
            value={values[column.id] ?? ''}
            error={errors[column.id]}
            options={refOptions[column.id]}
            enumLabel={(v) => (column.type === 'flag' ? flagLabel(column, v, locale) : valueLabel(v, locale, column))}
            hint={column.type === 'refs' ? t('form.listHint') : column.type === 'json' ? t('form.jsonHint') : undefined}
            emptyOption={t('form.emptyOption')}
            onChange={(text) => setValues((v) => ({ ...v, [column.id]: text }))}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={saving} data-testid="save-row">
          {saving ? t('form.saving') : initial ? t('form.save') : t('form.create')}
        </button>
        <button type="button" className="btn" onClick={() => router.back()}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
