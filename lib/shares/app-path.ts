import { badRequest } from '../errors';

// The views of this app that a link can name — share links and board tiles both point at one. Pure: the
// collection ids come from the caller, so the registry's own schemas (board tiles) can use it without a cycle.

export type ViewTarget =
  | { kind: 'table'; collection: string }
  | { kind: 'concentration' }
  | { kind: 'market-map' }
  | { kind: 'network' }
  | { kind: 'home' }
  | { kind: 'hypothesis'; id: string }
  | { kind: 'compare' }
  | { kind: 'board'; id: string }
  | { kind: 'timeline' };

export interface AppPath {
  target: ViewTarget;
  /** Pathname and query as the app will render them (normalised, no fragment). */
  path: string;
  params: URLSearchParams;
}

export const MAX_PATH_LENGTH = 2000;
const BASE = 'http://atlas.invalid';
const VIEWS = 'tables (/companies, /investments, …), /concentration, /market-map, /network, /timeline, the dashboard (/), a hypothesis (/hypotheses/<id>), a scenario comparison (/scenarios/compare) and a board (/boards/<id>)';

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function targetOf(pathname: string, collectionIds: readonly string[]): ViewTarget | null {
  const parts = pathname.split('/').slice(1);
  if (pathname === '/') return { kind: 'home' };
  if (parts.length === 1 && parts[0] === 'concentration') return { kind: 'concentration' };
  if (parts.length === 1 && parts[0] === 'market-map') return { kind: 'market-map' };
  if (parts.length === 1 && parts[0] === 'network') return { kind: 'network' };
  if (parts.length === 1 && parts[0] === 'timeline') return { kind: 'timeline' };
  if (parts.length === 1 && collectionIds.includes(parts[0])) return { kind: 'table', collection: parts[0] };
  if (parts.length === 2 && parts[0] === 'scenarios' && parts[1] === 'compare') return { kind: 'compare' };
  if (parts.length === 2 && (parts[0] === 'hypotheses' || parts[0] === 'boards') && parts[1] && parts[1] !== 'new') {
    const id = decoded(parts[1]);
    if (id === null) return null;
    return parts[0] === 'hypotheses' ? { kind: 'hypothesis', id } : { kind: 'board', id };
  }
  return null;
}

/** A path naming one of the app's views, or a 400 that says why not (another site, the API, an editing page …). */
export function parseAppPath(raw: string, collectionIds: readonly string[], param = 'path'): AppPath {
  if (raw.length > MAX_PATH_LENGTH) throw badRequest(`${param} is longer than ${MAX_PATH_LENGTH} characters`, param);
  // Only a path of this app: "/x", never "//host", "http:", "\\host" or control characters.
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) {
    throw badRequest(`${param} must be a path of this app starting with "/" (another site cannot be named)`, param);
  }
  const url = new URL(raw, BASE);
  if (url.origin !== BASE) throw badRequest(`${param} must be a path of this app`, param);
  const target = targetOf(url.pathname, collectionIds);
  if (!target) throw badRequest(`"${url.pathname.slice(0, 80)}" is not a view that can be linked: these are ${VIEWS}`, param);
  url.searchParams.delete('_rsc');
  const query = url.searchParams.toString();
  return { target, path: `${url.pathname}${query ? `?${query}` : ''}`, params: url.searchParams };
}
