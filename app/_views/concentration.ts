import 'server-only';
import type { Atlas } from '@/db/connection';
import { ApiError } from '@/lib/errors';
import { concentrationView } from '@/lib/query/view-state';
import { loadOptions, loadView, type View } from '../concentration/_lib/load';

export type ConcentrationData =
  | { kind: 'ok'; options: Awaited<ReturnType<typeof loadOptions>>; view: View }
  | { kind: 'error'; message: string; status: number; param?: string; options: Awaited<ReturnType<typeof loadOptions>> }
  | { kind: 'noSegments'; options: Awaited<ReturnType<typeof loadOptions>> };

/** Everything /concentration shows for its URL; a bad parameter becomes an error to show, not a throw. */
export async function loadConcentration(atlas: Atlas, params: URLSearchParams): Promise<ConcentrationData> {
  const options = await loadOptions(atlas);
  try {
    let state = concentrationView.parse(params);
    if (state.query.basis === 'share' && !state.query.segment) {
      if (!options.segments.length) return { kind: 'noSegments', options };
      state = { ...state, query: { ...state.query, segment: options.segments[0].segment } };
    }
    return { kind: 'ok', options, view: await loadView(atlas, params, state) };
  } catch (error) {
    if (error instanceof ApiError) return { kind: 'error', message: error.message, status: error.status, param: error.details.param, options };
    throw error;
  }
}
