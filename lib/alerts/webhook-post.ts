import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookTarget } from './webhook-target';

// One webhook POST (issue 18, docs/decisions/035-delivery-sender.md): the target is checked again now and the
// connection goes to the address checked (a custom `lookup`; the URL's host stays in the Host header and the TLS
// server name), so DNS cannot be rebound to an inside address; no redirect is followed; the whole exchange has a
// time limit; at most RESPONSE_LIMIT bytes of the answer are read.

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const RESPONSE_LIMIT = 64 * 1024;

export interface PostOutcome {
  /** The HTTP status, or null when none came (refused target, network error, time-out). */
  status: number | null;
  ok: boolean;
  /** Why it failed; null on a 2xx. */
  error: string | null;
  /** Bytes of the answer's body read (at most RESPONSE_LIMIT). */
  bytesRead: number;
}

export interface PostOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
  /** Cancels the request (shutdown); the outcome is then an error. */
  signal?: AbortSignal;
}

/** A lookup that answers only the address already checked, whatever the name. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

export async function postWebhook(rawUrl: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostOutcome> {
  const target = await checkWebhookTarget(rawUrl, { allowPrivate: options.allowPrivate });
  if (!target.ok) return { status: null, ok: false, error: `refused: ${target.message}`, bytesRead: 0 };
  const { url, addresses } = target;
  const pinned = addresses[0];
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const client = url.protocol === 'https:' ? https : http;

  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(pinned.address, pinned.family),
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let bytesRead = 0;
        const done = () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const ok = status >= 200 && status < 300;
          const error = ok
            ? null
            : status >= 300 && status < 400
              ? `HTTP ${status}: redirect not followed${response.headers.location ? ` (to ${clip(String(response.headers.location), 200)})` : ''}`
              : `HTTP ${status}${text.trim() ? `: ${clip(text.trim())}` : ''}`;
          finish({ status, ok, error, bytesRead });
          response.destroy();
          request.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          if (settled) return;
          const room = RESPONSE_LIMIT - bytesRead;
          const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
          chunks.push(piece);
          bytesRead += piece.length;
          // Enough read: the rest of the answer is not wanted.
          if (bytesRead >= RESPONSE_LIMIT) done();
        });
        response.on('end', done);
        response.on('error', () => done());
      },
    );
    const timer = setTimeout(() => {
      finish({ status: null, ok: false, error: `no answer within ${timeoutMs / 1000} s`, bytesRead: 0 });
      request.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish({ status: null, ok: false, error: 'cut: the server is stopping', bytesRead: 0 });
      request.destroy();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, ok: false, error: `${error.code ?? 'error'}: ${clip(error.message, 200)}`, bytesRead: 0 }));
    request.end(body);
  });
}
