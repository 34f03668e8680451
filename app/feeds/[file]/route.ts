import { createHash } from 'node:crypto';
import { feedOwner, inboxOf } from '@/db/follows';
import { getAtlas } from '@/db/connection';
import { atomFeed } from '@/lib/alerts/atom';
import { ownOrigins } from '@/lib/auth/http';

export const dynamic = 'force-dynamic';

const FEED_ENTRIES = 100;
const notFound = () => new Response('not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } });

/**
 * `/feeds/<token>.atom`: the token's owner's notifications as Atom 1.0, each entry linking to its view. A wrong or
 * revoked token is a 404. The token is the credential: it never appears in the document, and the answer asks
 * not to be kept by shared caches nor to be sent on as a Referer.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const file = (await params).file;
  if (!file.endsWith('.atom')) return notFound();
  const atlas = await getAtlas();
  const owner = await feedOwner(atlas.db, file.slice(0, -'.atom'.length));
  if (!owner) return notFound();
  const { rows } = await inboxOf(atlas.db, owner, { limit: FEED_ENTRIES });
  // The links name the host the reader addressed (behind a proxy, not the one the server listens on).
  const origin = [...ownOrigins(request.url, request.headers)].pop() ?? new URL(request.url).origin;
  const body = atomFeed({
    feedId: `urn:aigc-atlas:whats-new:${createHash('sha256').update(owner).digest('hex').slice(0, 32)}`,
    title: 'AIGC Atlas — what’s new',
    origin,
    updated: rows[0]?.at ?? new Date(0).toISOString(),
    entries: rows.map((r) => ({ id: r.id, at: r.at, title: r.summary, link: new URL(r.url ?? '/whats-new', origin).toString() })),
  });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
}
