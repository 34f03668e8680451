import { getAtlas } from '@/db/connection';
import { findShareLink, recordView } from '@/db/shares';
import { cookieHeader, isHttps, readCookie } from '@/lib/auth/http';
import { LOCALE_COOKIE, pickLocale, translator } from '@/lib/i18n';
import { formatDateTime } from '@/lib/format';
import { nonceOf } from '@/lib/security/headers';
import { isTokenShaped, VISITOR_COOKIE } from '@/lib/shares/target';
import { shareViewLimited } from '../../api/_lib/shares';
import { gonePage } from './gone';

export const dynamic = 'force-dynamic';

/**
 * GET /s/<token>: the address people paste. An active link marks this browser as the link's visitor (a
 * session cookie: from then on it may open that view only, unless someone signs in), counts the visit and
 * sends the browser to the read-only view. Unknown → 404, revoked or expired → 410, each with a page; past
 * ATLAS_SHARE_RATE views a minute from one client address → 429 with Retry-After.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const atlas = await getAtlas();
  const limited = await shareViewLimited(atlas, request);
  if (limited) return limited;
  const link = isTokenShaped(token) ? await findShareLink(atlas.db, token) : null;
  const locale = pickLocale(readCookie(request.headers.get('cookie'), LOCALE_COOKIE) ?? undefined, request.headers.get('accept-language'));
  const t = translator(locale);
  if (!link) return gonePage(404, locale, nonceOf(request.headers), t('share.unknown.title'), [t('share.unknown.hint')], null);
  if (link.status !== 'active') {
    const when = formatDateTime(link.status === 'revoked' ? link.revokedAt : link.expiresAt);
    const reason = link.status === 'revoked' ? t('share.gone.revoked', { at: when }) : t('share.gone.expired', { at: when });
    return gonePage(410, locale, nonceOf(request.headers), t('share.gone.title'), [reason, t('share.gone.ask')], { href: `/s/${token}/leave`, label: t('share.banner.leave') });
  }
  await recordView(atlas.db, token);
  const cookie = cookieHeader(VISITOR_COOKIE, token, { secure: isHttps(request.url, request.headers) });
  return new Response(null, { status: 303, headers: { Location: `/s/${token}/view`, 'Set-Cookie': cookie, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } });
}
