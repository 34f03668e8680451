import { cookieHeader, isHttps } from '@/lib/auth/http';
import { VISITOR_COOKIE } from '@/lib/shares/target';

export const dynamic = 'force-dynamic';

/**
 * GET /s/<token>/leave: forget that this browser came in through a share link. In team mode it then meets
 * the sign-in page like anyone else; in local mode (no accounts) it is the local editor again.
 */
export async function GET(request: Request) {
  const cookie = cookieHeader(VISITOR_COOKIE, '', { maxAgeSeconds: 0, secure: isHttps(request.url, request.headers) });
  return new Response(null, { status: 303, headers: { Location: '/', 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
}
