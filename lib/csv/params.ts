import { badRequest } from '../errors';
import { parseDelimiter } from './detect';
import type { ImportOptions } from './import-types';
import type { HeaderMap } from './mapping';

// Query parameters of POST /api/v1/{collection}/import → validated options. Unknown parameters are a 400.

const KNOWN = new Set(['mode', 'dryRun', 'onError', 'encoding', 'delimiter', 'createMissing', 'map', 'filename']);

function flag(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  if (raw === null) return false;
  if (['1', 'true'].includes(raw)) return true;
  if (['0', 'false'].includes(raw)) return false;
  throw badRequest(`${name} must be 1 or 0`, name);
}

function oneOf<T extends string>(params: URLSearchParams, name: string, values: readonly T[], fallback: T): T {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!values.includes(raw as T)) throw badRequest(`${name} must be one of ${values.join(', ')}`, name);
  return raw as T;
}

export function parseHeaderMap(raw: string | null): HeaderMap | null {
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('map must be a JSON object of header → column id (or null to ignore)', 'map');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('map must be a JSON object', 'map');
  const map: HeaderMap = {};
  for (const [header, target] of Object.entries(parsed)) {
    if (target !== null && typeof target !== 'string') throw badRequest(`map["${header}"] must be a column id or null`, 'map');
    map[header] = target;
  }
  return map;
}

export function parseImportOptions(params: URLSearchParams): ImportOptions {
  for (const key of params.keys()) if (!KNOWN.has(key)) throw badRequest(`unknown parameter "${key}"`, key);
  const delimiterRaw = params.get('delimiter');
  const delimiter = delimiterRaw === null ? null : parseDelimiter(delimiterRaw);
  if (delimiterRaw !== null && !delimiter) throw badRequest('delimiter must be comma, semicolon or tab', 'delimiter');
  const filename = params.get('filename');
  return {
    mode: oneOf(params, 'mode', ['upsert', 'insert'] as const, 'upsert'),
    dryRun: flag(params, 'dryRun'),
    onError: oneOf(params, 'onError', ['abort', 'skip'] as const, 'abort'),
    createMissing: flag(params, 'createMissing'),
    map: parseHeaderMap(params.get('map')),
    delimiter,
    encoding: params.get('encoding') || null,
    filename: filename ? filename.slice(0, 200) : null,
  };
}
