import { NextResponse, type NextRequest } from 'next/server';
import { pageSecurityHeaders, parseEmbedOrigins } from '@/lib/security/headers';

const embedOrigins = parseEmbedOrigins(process.env.ATLAS_EMBED_ORIGINS);

// Every page passes here: it gets its security headers with a fresh script nonce (Next.js reads the nonce
// from the request's Content-Security-Policy and puts it on its own scripts), and learns the path the
// visitor asked for from `x-atlas-path`, so that app/_lib/auth.ts can send an anonymous visitor to
// /sign-in?next=<that path>. The path is only a return address: the real checks run on the server in every
// page and route handler (a forged header can at most choose where the sign-in page returns to, and that is
// limited to paths of this site).
export function middleware(request: NextRequest) {
  const url = request.nextUrl;
  const search = new URLSearchParams(url.search);
  search.delete('_rsc');
  const query = search.toString();
  const nonce = btoa(crypto.randomUUID());
  const security = pageSecurityHeaders({ nonce, pathname: url.pathname, embedOrigins, development: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('x-atlas-path', `${url.pathname}${query ? `?${query}` : ''}`);
  headers.set('Content-Security-Policy', security['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: the API and Next's own assets get their fixed headers from next.config.js.
  matcher: ['/((?!api/|_next/|favicon.ico).*)'],
};
