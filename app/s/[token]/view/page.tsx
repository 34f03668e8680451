import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getAtlas } from '@/db/connection';
import { findShare, type StoredShare } from '@/db/shares';
import { isTokenShaped } from '@/lib/shares/target';
import { SharedViewProvider } from '../../../_components/share/SharedView';
import { currentViewer } from '../../../_lib/auth';
import { getTranslator } from '../../../_lib/locale';
import { enterSharedView } from '../../../_views/shared';
import { dataOf } from '../../../api/_lib/shares';
import { ShareBanner } from './ShareBanner';
import { SharedTarget } from './SharedTarget';
import { viewLabel } from './describe';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The link of a token, once per request (the metadata and the page both need it). */
const activeLink = cache(async (token: string): Promise<StoredShare | null> => {
  if (!isTokenShaped(token)) return null;
  return findShare((await getAtlas()).db, token);
});

/** What an active link shows now, once per request (a live link loads its data once for the metadata and the page). */
const linkData = cache(async (link: StoredShare) => dataOf(await getAtlas(), link));

/** Link previews (chat apps, social sites) read these Open Graph tags. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const link = await activeLink((await params).token);
  if (!link || link.status !== 'active') return { title: 'Shared link', robots: { index: false } };
  const { locale, t } = await getTranslator();
  // The page itself reports a view that cannot load; the preview then names the view without its data.
  const data = await linkData(link).then((view) => view.data, () => undefined);
  const description = `${viewLabel(link.path, locale, data)} · ${link.mode === 'snapshot' ? t('share.cite.snapshot') : t('share.cite.live')} · AIGC Atlas`;
  return {
    title: link.title,
    description,
    robots: { index: false, follow: false },
    openGraph: { title: link.title, description, siteName: 'AIGC Atlas', type: 'website' },
    twitter: { card: 'summary', title: link.title, description },
  };
}

/** /s/<token>/view: the shared view itself, read-only, with the link's banner and citation line. */
export default async function SharedViewPage({ params, searchParams }: Props) {
  const { token } = await params;
  const link = await activeLink(token);
  if (!link) notFound();
  if (link.status !== 'active') redirect(`/s/${token}`); // which answers 410 with its page
  const { share, data, hash, asOf } = await linkData(link);
  enterSharedView({ link, data, dataHash: hash, asOf });
  const { locale } = await getTranslator();
  const requestHeaders = await headers();
  const host = requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host') ?? 'localhost';
  const proto = requestHeaders.get('x-forwarded-proto') ?? 'http';
  const only = (await searchParams).only === '1';
  return (
    <SharedViewProvider value={{ token, allowCsv: link.allowCsv }}>
      <ShareBanner link={link} asOf={asOf} dataHash={hash} data={data} url={`${proto}://${host}/s/${token}`} locale={locale} only={only} localMode={(await currentViewer()).mode === 'local'} />
      <div className="shared-body">
        <SharedTarget share={share} />
      </div>
    </SharedViewProvider>
  );
}
