import type { Translate } from '@/lib/i18n';

// The filter form of the market map and the network: a plain GET form (it works without JavaScript; the page
// turns its empty fields away, see canonicalPath), rendered on the server.

export type FilterField =
  | { kind: 'select'; name: string; label: string; value: string; options: { value: string; label: string }[] }
  | { kind: 'number'; name: string; label: string; value: string; min: number; max: number; placeholder?: string };

interface Props {
  action: string;
  fields: FilterField[];
  /** Settings of the view kept as they are (the network table's sort). */
  hidden?: [string, string][];
  t: Translate;
  testId: string;
}

export function FilterForm({ action, fields, hidden = [], t, testId }: Props) {
  const headingId = `${testId}-heading`;
  return (
    <form method="get" action={action} className="panel analysis-filters" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="sr-only">
        {t('analysis.filters')}
      </h2>
      <div className="analysis-fields">
        {fields.map((field) => (
          <div className="analysis-field" key={field.name}>
            <label htmlFor={`f-${field.name}`}>{field.label}</label>
            {field.kind === 'select' ? (
              <select id={`f-${field.name}`} name={field.name} defaultValue={field.value}>
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input id={`f-${field.name}`} name={field.name} type="number" inputMode="numeric" min={field.min} max={field.max} step={1} defaultValue={field.value} placeholder={field.placeholder} />
            )}
          </div>
        ))}
        {hidden.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="analysis-field analysis-actions">
          <button type="submit" className="btn primary" data-testid={`${testId}-apply`}>
            {t('analysis.apply')}
          </button>
          <a className="btn" href={action}>
            {t('analysis.reset')}
          </a>
        </div>
      </div>
    </form>
  );
}

/** A form's URL without its empty fields (`?layer=&region=china` → `?region=china`), or null when it has none. */
export function withoutEmptyFields(pathname: string, params: URLSearchParams): string | null {
  if (![...params.values()].some((v) => v.trim() === '')) return null;
  const kept = new URLSearchParams([...params].filter(([, v]) => v.trim() !== ''));
  const query = kept.toString();
  return query ? `${pathname}?${query}` : pathname;
}
