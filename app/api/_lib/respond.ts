import 'server-only';
import { getAtlas, type Atlas } from '@/db/connection';
import { ApiError, badRequest, notFound } from '@/lib/errors';
import { findCollection } from '@/lib/collections';
import type { Collection } from '@/lib/collections/types';
import { isWellFormed } from '@/lib/collections/schemas';
import { authorize, type Access, type Permission } from './access';

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers } });

export interface HandlerContext {
  atlas: Atlas;
  /** Who is acting, as recorded in the change log. */
  actor: string;
  /** The signed-in user (session or API token); null in local mode and for anonymous calls of public routes. */
  user: Access['user'];
  via: Access['via'];
}

/**
 * Every route handler runs through here: check the caller may do this, run, and turn a thrown ApiError
 * into its JSON error body (anything else is a logged 500).
 */
export async function handle(request: Request, permission: Permission, run: (ctx: HandlerContext) => Promise<Response>): Promise<Response> {
  try {
    const atlas = await getAtlas();
    const { actor, user, via } = await authorize(atlas, request, permission);
    return await run({ atlas, actor, user, via });
  } catch (error) {
    if (error instanceof ApiError) return json(error.toBody(), error.status);
    console.error(error);
    return json({ error: { code: 'internal', message: 'internal error: the request was not completed' } }, 500);
  }
}

/**
 * Whose rows with an owner (boards) the caller may see and edit: their email in team mode unless they are an
 * admin; undefined (no limit) in local mode and for admins (db/ownership.ts).
 */
export const restrictedTo = (ctx: Pick<HandlerContext, 'user'>): string | undefined => (ctx.user && ctx.user.role !== 'admin' ? ctx.user.email : undefined);

export function collectionFrom(id: string): Collection {
  const collection = findCollection(id);
  if (!collection) throw notFound(`unknown collection "${id}"`);
  return collection;
}

const MAX_JSON_BYTES = 1024 * 1024;

/** The body as text, refused with a 413 as soon as it passes `limit` bytes (declared or streamed), before parsing. */
async function readLimited(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new ApiError(413, `the body is larger than ${limit / 1024 / 1024} MB`);
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Read a JSON request body: malformed JSON is a 400, a body over 1 MB a 413. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readLimited(request, MAX_JSON_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('the body is not valid JSON');
  }
  if (!wellFormedJson(parsed)) throw badRequest('the body holds half of a surrogate pair (a lone "\\uD800"–"\\uDFFF"): text must be valid Unicode');
  return parsed;
}

/** Every string and key of a parsed JSON value is valid Unicode (JSON escapes can spell half a surrogate pair). */
function wellFormedJson(value: unknown): boolean {
  if (typeof value === 'string') return isWellFormed(value);
  if (Array.isArray(value)) return value.every(wellFormedJson);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => isWellFormed(k) && wellFormedJson(v));
  return true;
}
