/**
 * The market segment a form edits (an indicator's query, a scenario's segment) as separate fields, and back
 * to the concentration query string. Layer and region get their own pickers; any other companies filter
 * stays in `filters` as written. Pure.
 */
export interface SegmentFields {
  basis: string;
  layer: string;
  region: string;
  /** Other companies filters as a query string (`modality=text&country=US`). */
  filters: string;
  from: string;
  to: string;
}

export const EMPTY_SEGMENT: SegmentFields = { basis: 'funding', layer: '', region: '', filters: '', from: '', to: '' };

export function segmentFromParams(params: URLSearchParams): SegmentFields {
  const rest = new URLSearchParams(params);
  const take = (key: string) => {
    const values = rest.getAll(key);
    if (values.length !== 1) return '';
    rest.delete(key);
    return values[0];
  };
  const basis = take('basis') || 'funding';
  return { basis, layer: take('layer'), region: take('region'), from: take('from'), to: take('to'), filters: rest.toString() };
}

export function segmentToParams(fields: SegmentFields): URLSearchParams {
  const params = new URLSearchParams();
  if (fields.basis && fields.basis !== 'funding') params.set('basis', fields.basis);
  if (fields.layer) params.set('layer', fields.layer);
  if (fields.region) params.set('region', fields.region);
  if (fields.from.trim()) params.set('from', fields.from.trim());
  if (fields.to.trim()) params.set('to', fields.to.trim());
  for (const [k, v] of new URLSearchParams(fields.filters.trim().replace(/^\?/, ''))) params.append(k, v);
  return params;
}

/** A query string for reading: `layer=foundation · from=2022-01-01` (values decoded). */
export function describeQuery(query: string | URLSearchParams): string {
  return [...new URLSearchParams(query)].map(([k, v]) => `${k}=${v}`).join(' · ');
}
