import { NextResponse, type NextRequest } from 'next/server';

// Pages learn the path the visitor asked for from this header, so that app/_lib/auth.ts can send an
// anonymous visitor to /sign-in?next=<that path>. It is only a return address: the real checks run on the
// server in every page and route handler (a forged header can at most choose where the sign-in page returns
// to, and that is limited to paths of this site).
export function middleware(request: NextRequest) {
  const url = request.nextUrl;
  const search = new URLSearchParams(url.search);
  search.delete('_rsc');
  const query = search.toString();
  const headers = new Headers(request.headers);
  headers.set('x-atlas-path', `${url.pathname}${query ? `?${query}` : ''}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API or Next's own assets.
  matcher: ['/((?!api/|_next/).*)'],
};
