import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { JsonResponse } from './respond';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type WebHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
type WebHandlers<P> = Partial<Record<Method, WebHandler<P>>>;

/**
 * Serve web-standard route handlers (`GET(request, { params })`, as an App Router route.ts exports them) from
 * a Pages Router API route, which Next.js runs on Node's own request and response: on a fast query that is
 * ~1.3 ms less per request than an App Router route (docs/decisions/009-collection-route-on-node.md).
 * HEAD runs GET without its body, OPTIONS lists the methods, any other method is a 405. The API route
 * must turn off Next.js's body parser (the handlers read the body themselves).
 */
export function nodeRoute<K extends string>(handlers: WebHandlers<Record<K, string>>, paramNames: readonly K[]) {
  const allow = [...Object.keys(handlers), ...(handlers.GET ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  return async function route(req: IncomingMessage & { query?: Partial<Record<string, string | string[]>> }, res: ServerResponse) {
    const method = (req.method ?? 'GET').toUpperCase();
    const handler = handlers[(method === 'HEAD' ? 'GET' : method) as Method];
    if (method === 'OPTIONS' || !handler) {
      res.writeHead(method === 'OPTIONS' ? 204 : 405, { Allow: allow, 'Content-Type': 'application/json' });
      res.end(method === 'OPTIONS' ? undefined : JSON.stringify({ error: { message: `method ${method} is not allowed here; use ${allow}` } }));
      return;
    }
    const aborted = new AbortController();
    res.on('close', () => res.writableFinished || aborted.abort());
    const params = Object.fromEntries(paramNames.map((name) => [name, String(req.query?.[name] ?? '')])) as Record<K, string>;
    const request = webRequest(req, method, aborted.signal);
    if (!request) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'the Host header is not a valid host name' } }));
      return;
    }
    const response = await handler(request, { params: Promise.resolve(params) });
    await send(response, res, method === 'HEAD', aborted.signal);
  };
}

/** The web Request for Node's request; null when its Host header cannot be part of a URL. */
function webRequest(req: IncomingMessage, method: string, signal: AbortSignal): Request | null {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const protocol = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  // Joined, not resolved: a path like //elsewhere/x stays a path on this host.
  const path = req.url?.startsWith('/') ? req.url : `/${req.url ?? ''}`;
  let url: URL;
  try {
    url = new URL(`${protocol}://${req.headers.host ?? 'localhost'}${path}`);
  } catch {
    return null;
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

async function send(response: Response, res: ServerResponse, headOnly: boolean, signal: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('Set-Cookie', cookies);
  if (response instanceof JsonResponse) {
    res.end(headOnly ? undefined : response.serialized);
    return;
  }
  if (!response.body || headOnly) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    let chunk = await reader.read();
    let next = chunk.done ? chunk : await reader.read();
    // A JSON answer is one chunk: one write. Longer bodies (CSV exports) stream, waiting whenever the client is slow.
    while (!next.done) {
      if (!res.write(chunk.value)) await once(res, 'drain', { signal });
      [chunk, next] = [next, await reader.read()];
    }
    res.end(chunk.value);
  } catch {
    await reader.cancel().catch(() => undefined); // the client went away mid-answer: stop producing it
    res.destroy();
  }
}
