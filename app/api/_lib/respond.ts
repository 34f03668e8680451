import 'server-only';
import { getAtlas, type Atlas } from '@/db/connection';
import { ApiError, badRequest, notFound } from '@/lib/errors';
import { findCollection } from '@/lib/collections';
import type { Collection } from '@/lib/collections/types';

export const json = (body: unknown, status = 200, headers: HeadersInit = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

/** Run a handler; every thrown ApiError becomes its JSON error body, anything else a logged 500. */
export async function handle(run: (atlas: Atlas) => Promise<Response>): Promise<Response> {
  try {
    return await run(await getAtlas());
  } catch (error) {
    if (error instanceof ApiError) return json(error.toBody(), error.status);
    console.error(error);
    return json({ error: { message: 'internal error: the request was not completed' } }, 500);
  }
}

export function collectionFrom(id: string): Collection {
  const collection = findCollection(id);
  if (!collection) throw notFound(`unknown collection "${id}"`);
  return collection;
}

const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** Read a JSON request body: malformed JSON is a 400, an oversize body a 413. */
export async function readJson(request: Request): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) throw new ApiError(413, `the body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB`);
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new ApiError(413, `the body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB`);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}

/** Who is writing. Local mode: whoever reaches the app is the local editor. */
export const actorOf = (_request: Request) => ({ actor: 'local' });
