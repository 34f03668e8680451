/** Which scenarios the compare view (and its API twin) shows: `ids=a,b,c` or every scenario of `hypothesis=`. */
import { idSchema } from '../collections/schemas';
import { SCENARIO_KINDS } from '../collections/scenarios';
import { badRequest } from '../errors';

export const MAX_COMPARED = 12;

export interface CompareSelection {
  ids: string[];
  hypothesis: string | null;
}

export function parseCompareParams(params: URLSearchParams): CompareSelection {
  for (const key of params.keys()) {
    if (key !== 'ids' && key !== 'hypothesis') throw badRequest(`unknown parameter "${key}"`, key);
  }
  const ids = [...new Set(params.getAll('ids').flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean))];
  if (ids.length > MAX_COMPARED) throw badRequest(`compare at most ${MAX_COMPARED} scenarios`, 'ids');
  for (const id of ids) if (!idSchema.safeParse(id).success) throw badRequest(`"${id.slice(0, 40)}" is not a scenario id`, 'ids');
  const hypotheses = params.getAll('hypothesis');
  if (hypotheses.length > 1) throw badRequest('hypothesis may be given only once', 'hypothesis');
  const hypothesis = hypotheses[0] ?? null;
  if (hypothesis !== null && !idSchema.safeParse(hypothesis).success) throw badRequest(`"${hypothesis.slice(0, 40)}" is not a hypothesis id`, 'hypothesis');
  return { ids, hypothesis };
}

export function compareToParams(selection: CompareSelection): URLSearchParams {
  const params = new URLSearchParams();
  if (selection.ids.length) params.set('ids', selection.ids.join(','));
  if (selection.hypothesis) params.set('hypothesis', selection.hypothesis);
  return params;
}

/** Bull, base, bear, then custom; by probability (highest first) within a kind, then by title. */
export function byKind<T extends Record<string, unknown>>(rows: readonly T[]): T[] {
  const rank = (kind: unknown) => {
    const i = (SCENARIO_KINDS as readonly unknown[]).indexOf(kind);
    return i < 0 ? SCENARIO_KINDS.length : i;
  };
  return [...rows].sort(
    (a, b) => rank(a.kind) - rank(b.kind) || Number(b.probability ?? -1) - Number(a.probability ?? -1) || String(a.title ?? '').localeCompare(String(b.title ?? '')),
  );
}
