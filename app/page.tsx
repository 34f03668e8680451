import Link from 'next/link';
import { getAtlas } from '@/db/connection';
import { listRows } from '@/db/rows';
import { summary } from '@/db/stats';
import { getCollection } from '@/lib/collections';
import { formatMoney, formatNumber } from '@/lib/format';
import { parseQuery } from '@/lib/query/parse';
import { RoundsTable } from './_components/RoundsTable';
import { getTranslator } from './_lib/locale';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const { locale, t } = await getTranslator();
  const atlas = await getAtlas();
  const investments = getCollection('investments');
  const [stats, openaiRounds] = await Promise.all([
    summary(atlas),
    listRows(atlas, parseQuery(investments, new URLSearchParams({ investor: 'openai', pageSize: '10' }))),
  ]);
  const tiles = [
    { href: '/companies', label: t('home.companies'), value: formatNumber(stats.counts.companies, locale, 0) },
    { href: '/investments', label: t('home.rounds'), value: formatNumber(stats.counts.investments, locale, 0) },
    {
      href: '/investments?amount_usd__isnull=0',
      label: t('home.disclosed'),
      value: formatMoney(stats.disclosedFunding, locale),
      note: t('home.disclosedNote', { n: stats.disclosedRounds, m: stats.counts.investments }),
    },
    { href: '/investments?investor=openai', label: t('home.openaiRounds'), value: formatNumber(openaiRounds.total, locale, 0) },
    { href: '/use-cases', label: t('home.useCases'), value: formatNumber(stats.counts['use-cases'], locale, 0) },
    { href: '/hypotheses', label: t('home.hypotheses'), value: formatNumber(stats.counts.hypotheses, locale, 0) },
  ];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('home.title')}</h1>
          <p>{t('home.intro')}</p>
        </div>
      </div>
      <h2>{t('home.holds')}</h2>
      {stats.counts.companies === 0 ? <p className="error-box">{t('home.empty')}</p> : null}
      <div className="tiles" data-testid="home-tiles">
        {tiles.map((tile) => (
          <Link key={tile.href} href={tile.href} className="tile">
            <div className="tile-label">{tile.label}</div>
            <div className="tile-value">{tile.value}</div>
            {tile.note ? <div className="tile-note">{tile.note}</div> : null}
          </Link>
        ))}
      </div>
      <section className="panel" aria-labelledby="openai-rounds">
        <div className="panel-head">
          <h2 id="openai-rounds">{t('home.openaiRounds')}</h2>
          <Link href="/investments?investor=openai">{t('home.viewAll')} →</Link>
        </div>
        <p className="muted small">{t('home.openaiIntro')}</p>
        {openaiRounds.rows.length ? <RoundsTable rows={openaiRounds.rows} locale={locale} /> : <p className="empty">{t('home.openaiNone')}</p>}
      </section>
    </>
  );
}
