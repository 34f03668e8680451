// The security headers of a page (middleware.ts). Responses that are not pages (the API, assets) get their
// fixed headers from next.config.js. Pure: no framework, so that the policy is unit-tested as data.

export interface PagePolicyInput {
  /** A fresh base64 value per request: the only inline or external scripts that run carry it. */
  nonce: string;
  pathname: string;
  /** Origins allowed to frame share pages (`ATLAS_EMBED_ORIGINS`); every other page may not be framed. */
  embedOrigins: readonly string[];
  /** `next dev` needs eval for its hot reload; a production build never does. */
  development: boolean;
}

export const isSharePath = (pathname: string): boolean => pathname === '/s' || pathname.startsWith('/s/');

export function contentSecurityPolicy({ nonce, pathname, embedOrigins, development }: PagePolicyInput): string {
  const frameAncestors = isSharePath(pathname) && embedOrigins.length ? embedOrigins.join(' ') : "'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ''}`,
    // Stylesheets come from the build; React and the charts set style attributes, which only this allows.
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** The nonce of a request's Content-Security-Policy (set by middleware.ts), for HTML a route handler writes itself. */
export function nonceOf(headers: Headers): string {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(headers.get('content-security-policy') ?? '')?.[1] ?? '';
}

/** Headers a page answers with, beside the fixed ones of next.config.js. */
export function pageSecurityHeaders(input: PagePolicyInput): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(input),
    // A share link's address is its secret: a page that shows one never sends it on in a Referer.
    // So is an Atom feed's (/feeds/<token>.atom).
    'Referrer-Policy': isSharePath(input.pathname) || input.pathname.startsWith('/feeds/') ? 'no-referrer' : 'strict-origin-when-cross-origin',
  };
}

/** `ATLAS_EMBED_ORIGINS`: space- or comma-separated https or http origins; anything else is an error naming it. */
export function parseEmbedOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      /* reported below */
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
      throw new Error(`invalid environment: ATLAS_EMBED_ORIGINS: "${origin}" is not an origin like https://example.org`);
    }
  }
  return origins.map((o) => o.replace(/\/$/, ''));
}
