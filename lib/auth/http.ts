// Framework-free helpers for the HTTP side of authentication: the session cookie, where a request came
// from (CSRF), and the client's address for rate limiting. Everything reads a standard `Headers`.

export const SESSION_COOKIE = 'atlas_session';

/** The value of one cookie of a Cookie header, or null. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      try {
        return decodeURIComponent(value) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The first value of a comma-separated forwarding header (the client-most proxy's view). */
const firstOf = (value: string | null) => value?.split(',')[0]?.trim() || null;

/** True when the request reached us over https, directly or through a proxy that says so. */
export function isHttps(requestUrl: string, headers: Headers): boolean {
  const forwarded = firstOf(headers.get('x-forwarded-proto'));
  return forwarded ? forwarded.toLowerCase() === 'https' : new URL(requestUrl).protocol === 'https:';
}

/**
 * Set-Cookie for one of our cookies: HttpOnly, SameSite=Lax, Path=/, Secure behind https; without
 * `maxAgeSeconds` it lasts as long as the browser session (0 removes it).
 */
export function cookieHeader(name: string, value: string, options: { maxAgeSeconds?: number; secure: boolean }): string {
  const maxAge = options.maxAgeSeconds === undefined ? [] : [`Max-Age=${Math.floor(options.maxAgeSeconds)}`];
  return [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', ...maxAge, ...(options.secure ? ['Secure'] : [])].join('; ');
}

/** Set-Cookie for a new session. */
export const sessionCookie = (token: string, options: { maxAgeSeconds: number; secure: boolean }): string => cookieHeader(SESSION_COOKIE, token, options);

/** Set-Cookie that removes the session cookie. */
export const clearedSessionCookie = (secure: boolean): string => cookieHeader(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure });

/**
 * The origins this request may legitimately come from: the URL the server saw, and the host the client
 * addressed (Host / X-Forwarded-Host, with X-Forwarded-Proto) — behind a proxy the two differ.
 */
export function ownOrigins(requestUrl: string, headers: Headers): Set<string> {
  const url = new URL(requestUrl);
  const origins = new Set([url.origin]);
  const host = firstOf(headers.get('x-forwarded-host')) ?? headers.get('host');
  if (host) {
    const proto = firstOf(headers.get('x-forwarded-proto')) ?? url.protocol.replace(/:$/, '');
    origins.add(`${proto.toLowerCase()}://${host.toLowerCase()}`);
  }
  return origins;
}

export type RequestSource = 'same-origin' | 'cross-site' | 'unknown';

/**
 * Where a browser says the request came from. `Sec-Fetch-Site` (set by the browser, not by page scripts)
 * wins; otherwise `Origin` is compared with our own origins. Requests from scripts (curl, notebooks)
 * carry neither and are `unknown`.
 */
export function requestSource(requestUrl: string, headers: Headers): RequestSource {
  const site = headers.get('sec-fetch-site')?.toLowerCase();
  if (site === 'same-origin') return 'same-origin';
  if (site === 'cross-site' || site === 'same-site') return 'cross-site';
  const origin = headers.get('origin');
  if (origin) return ownOrigins(requestUrl, headers).has(origin.toLowerCase()) ? 'same-origin' : 'cross-site';
  return 'unknown';
}

/** Methods that change state; GET, HEAD and OPTIONS never do here. */
export const isStateChanging = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/** The client's address for rate limiting: the first X-Forwarded-For hop, else X-Real-IP, else 'local'. */
export const clientAddress = (headers: Headers): string => firstOf(headers.get('x-forwarded-for')) ?? headers.get('x-real-ip')?.trim() ?? 'local';

/** A `next=` target that stays on this site: a path starting with one slash, else the dashboard. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return /[\u0000-\u001f]/.test(next) ? '/' : next;
}
