import 'server-only';
import type { Atlas } from '@/db/connection';
import { parseConcentrationQuery } from '@/lib/concentration';
import { ApiError } from '@/lib/errors';
import { loadOptions, loadView, PAGE_PARAMS, type View } from '../concentration/_lib/load';

export type ConcentrationData =
  | { kind: 'ok'; options: Awaited<ReturnType<typeof loadOptions>>; view: View }
  | { kind: 'error'; message: string; options: Awaited<ReturnType<typeof loadOptions>> }
  | { kind: 'noSegments'; options: Awaited<ReturnType<typeof loadOptions>> };

/** Everything /concentration shows for its URL; a bad parameter becomes an error to show, not a throw. */
export async function loadConcentration(atlas: Atlas, params: URLSearchParams): Promise<ConcentrationData> {
  const options = await loadOptions(atlas);
  try {
    let parsed = parseConcentrationQuery(params, { extra: PAGE_PARAMS });
    if (parsed.basis === 'share' && !parsed.segment) {
      if (!options.segments.length) return { kind: 'noSegments', options };
      parsed = { ...parsed, segment: options.segments[0].segment };
    }
    return { kind: 'ok', options, view: await loadView(atlas, params, parsed) };
  } catch (error) {
    if (error instanceof ApiError) return { kind: 'error', message: error.message, options };
    throw error;
  }
}
